import { Inject, Injectable } from '@nestjs/common';
import { CallAdmission } from '@ringlypro/billing';
import { APP_CONFIG, type AppConfig, Clock, JobIds, JobName, QueueService, TenantDatabase } from '@ringlypro/core';
import { CallLogService } from '@ringlypro/telephony';
import type { CallerTurn, TurnResult } from '../dialogue/conversation';
import { DialogueEngine } from '../dialogue/dialogue-engine';
import { TenantDeskFactory } from '../desk/tenant-desk';
import type { StoredConversation } from '../store/conversation-store';
import { Understanding } from '../understanding/understanding';

/** Below this many paid seconds, Rachel wraps up rather than start another turn (one turn's worth). */
const WRAP_UP_SECONDS = 30;

/**
 * One caller turn of Rachel's conversation, whatever carries the call (a <Gather> webhook or a
 * ConversationRelay prompt): inside the business's tenant scope the dialogue engine answers on the
 * tenant's desk (slot holds, bookings, billing's seconds left), the call record and transcript learn
 * the turn, a message is passed to the owner, and billing hears when the owner takes the caller.
 * The transports only differ in how the caller's words arrive and how Rachel's lines leave.
 */
@Injectable()
export class RachelTurnRunner {
  readonly engine: DialogueEngine;

  constructor(
    understanding: Understanding,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly calls: CallLogService,
    private readonly admission: CallAdmission,
    private readonly desks: TenantDeskFactory,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {
    this.engine = new DialogueEngine(understanding, { maxTurns: config.voice.maxTurns, wrapUpSeconds: WRAP_UP_SECONDS });
  }

  /** Answers turn `turn` of the stored conversation; the caller's state is not stored here (the transport does). */
  run(stored: StoredConversation, turn: number, said: CallerTurn): Promise<TurnResult> {
    const { callSid, clientId } = stored.state;
    // Shared with other businesses' concurrent webhooks when it can be (one round trip for all); the
    // unit is re-runnable: the job it may enqueue waits for the commit.
    return this.db.runShared(clientId, async () => {
      const outcome = await this.engine.reply(stored.state, said, this.desks.forCall(callSid, this.config.voice.slotHoldMinutes), this.clock.now());
      await this.keepRecord(stored, turn, said, outcome);
      // From here the owner has the caller: billing charges the call only up to this moment.
      if (outcome.action.kind === 'connect_owner') await this.admission.handOff(callSid);
      return outcome;
    });
  }

  /** Frees the slot this call holds (the caller left, or never heard it offered). */
  release(stored: StoredConversation): Promise<void> {
    const { callSid, clientId } = stored.state;
    return this.db.run(clientId, () => this.desks.forCall(callSid, this.config.voice.slotHoldMinutes).release());
  }

  /** The call record learns the turn: what was said (both sides), the intent and outcome, a message for the owner. */
  private async keepRecord(stored: StoredConversation, turn: number, said: CallerTurn, result: TurnResult): Promise<void> {
    const { callSid, clientId } = stored.state;
    const record = result.record;
    // Transcript and call record in one statement.
    await this.calls.recordTurn(
      stored.callId,
      callSid,
      [...(said.speech ? [{ turn, speaker: 'caller' as const, text: said.speech, confidence: said.confidence }] : []), ...result.lines.map((text) => ({ turn, speaker: 'rachel' as const, text }))],
      { intent: record.intent, outcome: record.outcome, appointment_id: record.appointmentId, caller_message: record.callerMessage },
    );
    if (record.callerMessage) {
      await this.queue.enqueue(JobName.OwnerCallAlert, { client_id: clientId, call_id: stored.callId }, { jobId: JobIds.ownerAlert(stored.callId, 'message') });
    }
  }
}
