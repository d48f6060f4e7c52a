import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import { IsNull } from 'typeorm';
import { CallTurn } from '../entities/call-turn.entity';
import { type CallOutcome, Call } from '../entities/call.entity';

/** Outcomes a later event (a voicemail after a booking) must not overwrite. */
const SETTLED: ReadonlySet<string> = new Set(['booked', 'cancelled', 'rescheduled', 'message']);
const isSettled = (outcome: string | null) => outcome !== null && SETTLED.has(outcome);

/** Terminal statuses end a call; nothing after them may move it back (callbacks arrive out of order). */
const TERMINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const RANK: Record<string, number> = { queued: 0, initiated: 0, ringing: 1, 'in-progress': 2 };

function rankOf(status: string): number {
  return TERMINAL.has(status) ? 3 : (RANK[status] ?? 0);
}

export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status);
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
    await this.turns.insertAllOrIgnore(
      lines.map((line) => ({
        call_id: callId,
        turn: line.turn,
        speaker: line.speaker,
        text: line.text.slice(0, 4000),
        confidence: line.confidence === null || line.confidence === undefined ? null : line.confidence.toFixed(3),
      })),
    );
  }

  /** A call that ended without anything settled (booking, message, …) was abandoned by the caller. */
  async markAbandonedIfOpen(callSid: string): Promise<void> {
    await this.calls.update({ twilio_call_sid: callSid, outcome: IsNull() }, { outcome: 'abandoned' });
  }

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
