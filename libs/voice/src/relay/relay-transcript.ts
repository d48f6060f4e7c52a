import { Injectable } from '@nestjs/common';
import { TenantDatabase, TenantRepository } from '@ringlypro/core';
import { CallTurn } from '@ringlypro/telephony';
import { In } from 'typeorm';

/** The call's transcript as the caller heard it, after they spoke over Rachel. */
@Injectable()
export class RelayTranscript {
  private readonly turns = new TenantRepository(CallTurn);

  constructor(private readonly db: TenantDatabase) {}

  /**
   * Rachel's lines of `turn` become `heard`: the line she was cut off in keeps the words she said, and
   * the lines she never started are dropped (`sent` is how many she was given to say).
   */
  cut(clientId: number, callId: number, turn: number, heard: string[], sent: number): Promise<void> {
    return this.db.run(clientId, async () => {
      const unsaid = Array.from({ length: sent - heard.length }, (_, i) => heard.length + i);
      if (unsaid.length > 0) await this.turns.delete({ call_id: callId, turn, speaker: 'rachel', line: In(unsaid) });
      const last = heard.length - 1;
      if (last >= 0) await this.turns.update({ call_id: callId, turn, speaker: 'rachel', line: last }, { text: heard[last] });
    });
  }
}
