import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import { Call } from '../entities/call.entity';

/** Terminal statuses end a call; nothing after them may move it back (callbacks arrive out of order). */
const TERMINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const RANK: Record<string, number> = { queued: 0, initiated: 0, ringing: 1, 'in-progress': 2 };

/** True once a call can no longer change: it has ended, one way or another. */
export function isTerminalCallStatus(status: string): boolean {
  return TERMINAL.has(status);
}

function rankOf(status: string): number {
  return TERMINAL.has(status) ? 3 : (RANK[status] ?? 0);
}

export interface InboundCall {
  callSid: string;
  from: string;
  to: string;
  status: string;
}

/** The calls table for the current tenant, keyed by Twilio's CallSid. */
@Injectable()
export class CallLogService {
  private readonly calls = new TenantRepository(Call);

  /** Records an inbound call once, however often Twilio retries the webhook. */
  async logInbound(call: InboundCall): Promise<void> {
    await this.calls.insertOrIgnore({
      twilio_call_sid: call.callSid,
      direction: 'inbound',
      from_number: call.from.slice(0, 255),
      to_number: call.to.slice(0, 255),
      status: (call.status || 'ringing').slice(0, 20),
      start_time: new Date(),
    });
  }

  /**
   * Applies a status callback. Idempotent, and monotonic: a late 'ringing' after 'completed' is
   * ignored; the duration is taken when the call ends.
   */
  async applyStatus(call: InboundCall & { durationSeconds: number | null }): Promise<'updated' | 'ignored' | 'created'> {
    const existing = await this.calls.findOne({ twilio_call_sid: call.callSid });
    if (!existing) {
      await this.logInbound(call);
      if (call.durationSeconds !== null) await this.calls.update({ twilio_call_sid: call.callSid }, { duration: call.durationSeconds });
      return 'created';
    }
    if (rankOf(call.status) <= rankOf(existing.status)) return 'ignored';
    await this.calls.update(
      { id: existing.id },
      { status: call.status.slice(0, 20), ...(TERMINAL.has(call.status) && call.durationSeconds !== null ? { duration: call.durationSeconds } : {}) },
    );
    return 'updated';
  }
}
