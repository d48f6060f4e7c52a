import { Injectable } from '@nestjs/common';
import { Clock, TenantContext, TenantRepository, toE164 } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { IsNull } from 'typeorm';
import { CallTurn } from '../entities/call-turn.entity';
import { type CallOutcome, Call } from '../entities/call.entity';
import { type InboundCall, inboundRow, insertInboundCalls } from './inbound-call-rows';

/** Outcomes a later event (a voicemail after a booking) must not overwrite. */
const SETTLED: ReadonlySet<string> = new Set(['booked', 'cancelled', 'rescheduled', 'message']);
const isSettled = (outcome: string | null) => outcome !== null && SETTLED.has(outcome);

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

/** What a conversation learnt about its call. */
export interface CallRecordPatch {
  intent?: string | null;
  outcome?: CallOutcome;
  appointment_id?: number | null;
  caller_message?: string;
}

export interface TranscriptLine {
  turn: number;
  speaker: 'caller' | 'rachel';
  text: string;
  /** 0–1, Twilio's confidence in the caller's words. */
  confidence?: number | null;
}

/** The calls table for the current tenant, keyed by Twilio's CallSid. */
@Injectable()
export class CallLogService {
  private readonly calls = new TenantRepository(Call);
  private readonly turns = new TenantRepository(CallTurn);

  bySid(callSid: string): Promise<Call | null> {
    return this.calls.findOne({ twilio_call_sid: callSid });
  }

  /** Sets what the conversation learnt; a field not given is left as it is. */
  async record(callSid: string, patch: CallRecordPatch): Promise<void> {
    const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(values).length > 0) await this.calls.update({ twilio_call_sid: callSid }, values);
  }

  /** Stores the voicemail on the call; returns the call, or null when the CallSid is not this tenant's. */
  async recordVoicemail(callSid: string, recording: { sid: string; url: string; durationSeconds: number | null }): Promise<Call | null> {
    const call = await this.bySid(callSid);
    if (!call) return null;
    await this.calls.update(
      { id: call.id },
      { recording_sid: recording.sid, recording_url: recording.url, recording_duration: recording.durationSeconds, ...(isSettled(call.outcome) ? {} : { outcome: 'voicemail' }) },
    );
    return this.bySid(callSid);
  }

  /** Appends transcript lines to a call; a line already stored for its turn (a retried webhook) is kept once. */
  async appendTranscript(callId: number, lines: TranscriptLine[]): Promise<void> {
    // Numbered per speaker within the turn, so every line is kept and a retried turn inserts none twice.
    const seen = new Map<string, number>();
    const place = (line: TranscriptLine) => {
      const key = `${line.turn}:${line.speaker}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return n;
    };
    await this.turns.insertAllOrIgnore(
      lines.map((line) => ({
        call_id: callId,
        turn: line.turn,
        speaker: line.speaker,
        line: place(line),
        text: line.text.slice(0, 4000),
        confidence: line.confidence === null || line.confidence === undefined ? null : line.confidence.toFixed(3),
      })),
    );
  }

  /** A call that ended without anything settled (booking, message, …) was abandoned by the caller. */
  async markAbandonedIfOpen(callSid: string): Promise<void> {
    await this.calls.update({ twilio_call_sid: callSid, outcome: IsNull() }, { outcome: 'abandoned' });
  }

  constructor(
    private readonly client: TenantClientStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an inbound call once, however often Twilio retries the webhook. A call forwarded from
   * the business phone proves the owner's carrier forwarding works: the client records it once.
   * Returns the call's id; null when the CallSid is stored for another business (RLS hides it).
   */
  async logInbound(call: InboundCall): Promise<number | null> {
    await this.recordForwarding(call);
    const { manager, clientId } = TenantContext.current();
    const [inserted] = await insertInboundCalls(manager.queryRunner!, clientId, [inboundRow(call)]);
    // Only a retried webhook finds its row already there: then, and only then, it is read back.
    return inserted ?? (await this.bySid(call.callSid))?.id ?? null;
  }

  private async recordForwarding(call: InboundCall): Promise<void> {
    const via = [call.forwardedFrom, call.calledVia].filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 32);
    if (via.length === 0) return;
    const client = await this.client.get();
    if (client.forwarding_verified || !via.some((n) => toE164(n) === client.business_phone)) return;
    await this.client.update({ forwarding_verified: true, forwarding_verified_at: this.clock.now() });
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
