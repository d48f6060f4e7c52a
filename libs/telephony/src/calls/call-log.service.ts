import { Injectable } from '@nestjs/common';
import { Clock, TenantContext, TenantRepository, toE164 } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { IsNull } from 'typeorm';
import { type CallOutcome, Call } from '../entities/call.entity';
import { type InboundCall, inboundCallsStatement, inboundRow, insertInboundCalls } from './inbound-call-rows';

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

/** A call as logInbound left it: its id, and whether an earlier webhook (a retry's first) had logged it. */
export interface LoggedCall {
  id: number;
  loggedBefore: boolean;
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
    const rows = transcriptRows(callId, lines);
    if (rows.length === 0) return;
    // Hand-written, as recordTurn: every greeting writes its opening lines here (see transcriptValues).
    const { manager, clientId } = TenantContext.current();
    const params: unknown[] = [clientId];
    await manager.query(`INSERT INTO call_turns (client_id, call_id, turn, speaker, line, text, confidence) VALUES ${transcriptValues(rows, params)} ON CONFLICT DO NOTHING`, params);
  }

  /**
   * One conversation turn's record in one statement: its transcript lines (kept once, as
   * appendTranscript keeps them) and what the call learnt (as record sets it). Hand-written SQL on the
   * tenant transaction: client_id is the tenant's, and row-level security checks every row.
   */
  async recordTurn(callId: number, callSid: string, lines: TranscriptLine[], patch: CallRecordPatch): Promise<void> {
    const set = RECORD_COLUMNS.filter((column) => patch[column] !== undefined);
    if (set.length === 0) return this.appendTranscript(callId, lines);
    const rows = transcriptRows(callId, lines);
    if (rows.length === 0) return this.record(callSid, patch);
    const { manager, clientId } = TenantContext.current();
    const params: unknown[] = [clientId];
    const next = (value: unknown) => `$${params.push(value)}`;
    const values = transcriptValues(rows, params);
    const assignments = set.map((column) => `${column} = ${next(patch[column])}`);
    await manager.query(
      `WITH lines AS (INSERT INTO call_turns (client_id, call_id, turn, speaker, line, text, confidence) VALUES ${values} ON CONFLICT DO NOTHING)
       UPDATE calls SET ${assignments.join(', ')}, updated_at = CURRENT_TIMESTAMP WHERE client_id = $1 AND twilio_call_sid = ${next(callSid)}`,
      params,
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
   * Returns the call's id and whether an earlier webhook had logged it; null when the CallSid is
   * stored for another business (RLS hides it).
   */
  async logInbound(call: InboundCall): Promise<LoggedCall | null> {
    await this.recordForwarding(call);
    const { manager, clientId } = TenantContext.current();
    const [inserted] = await insertInboundCalls(manager.queryRunner!, clientId, [inboundRow(call)]);
    return inserted !== undefined ? { id: inserted, loggedBefore: false } : this.loggedBefore(call.callSid);
  }

  /**
   * logInbound for a call Rachel answers, with her opening lines: when this webhook logs the call, the
   * lines go into its transcript in the same statement (every greeting used to write them in a round
   * trip of their own). A call logged before — a retry, or a row another path wrote — gets none here:
   * the caller appends them (appendTranscript keeps each line once). Should billing refuse the call
   * after all, withdrawOpening takes them back in the same transaction.
   */
  async logInboundWithOpening(call: InboundCall, opening: TranscriptLine[]): Promise<LoggedCall | null> {
    // The call's id comes from the insert itself (`call.id` below), not from the rows.
    const rows = transcriptRows(0, opening);
    if (rows.length === 0) return this.logInbound(call);
    await this.recordForwarding(call);
    const { manager, clientId } = TenantContext.current();
    const statement = inboundCallsStatement(clientId, [inboundRow(call)]);
    const params = [...statement.params];
    const next = (value: unknown) => `$${params.push(value)}`;
    // Typed: a VALUES list takes no types from the INSERT it feeds.
    const lines = rows.map((row) => `(${next(row.turn)}::int, ${next(row.speaker)}::varchar, ${next(row.line)}::smallint, ${next(row.text)}::text, ${next(row.confidence)}::numeric)`);
    const [inserted]: Array<{ id: number }> = await manager.query(
      `WITH call AS (${statement.sql}),
       opening AS (INSERT INTO call_turns (client_id, call_id, turn, speaker, line, text, confidence)
                   SELECT $1, call.id, l.turn, l.speaker, l.line, l.text, l.confidence FROM call, (VALUES ${lines.join(', ')}) AS l(turn, speaker, line, text, confidence))
       SELECT id FROM call`,
      params,
    );
    return inserted ? { id: Number(inserted.id), loggedBefore: false } : this.loggedBefore(call.callSid);
  }

  /** Takes back the opening lines logInboundWithOpening wrote, when billing refused the call in the same transaction. */
  async withdrawOpening(callId: number): Promise<void> {
    const { manager, clientId } = TenantContext.current();
    await manager.query(`DELETE FROM call_turns WHERE client_id = $1 AND call_id = $2 AND turn = 0 AND speaker = 'rachel'`, [clientId, callId]);
  }

  /** Only a retried webhook finds its row already there: then, and only then, it is read back. */
  private async loggedBefore(callSid: string): Promise<LoggedCall | null> {
    const before = await this.bySid(callSid);
    return before ? { id: before.id, loggedBefore: true } : null;
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
   * ignored; the duration is taken when the call ends, and a call that ends with nothing settled
   * (booking, message, …) was abandoned by the caller. A status moving a logged call forward — nearly
   * every callback — is one statement.
   */
  async applyStatus(call: InboundCall & { durationSeconds: number | null }): Promise<'updated' | 'ignored' | 'created'> {
    const ended = TERMINAL.has(call.status);
    if (await this.advance(call)) return 'updated';
    // Not logged yet (its first webhook lost, or this callback overtook it), or already as far.
    const created = await this.calls.insertOrIgnore({
      ...inboundEntity(call),
      ...(call.durationSeconds !== null ? { duration: call.durationSeconds } : {}),
      ...(ended ? { outcome: 'abandoned' as const } : {}),
    });
    if (created) {
      await this.recordForwarding(call);
      return 'created';
    }
    // The insert waited for a greeting that logged the call meanwhile (its row was not yet committed
    // when advance() looked): now it is visible, and this status still moves it.
    if (await this.advance(call)) return 'updated';
    if (ended) await this.markAbandonedIfOpen(call.callSid);
    return 'ignored';
  }

  /**
   * Moves a logged call to `call.status` if that is later than its own (statuses ranked as rankOf
   * ranks them: a status stored that no rank knows counts as the first), in one UPDATE; false when no
   * call moved (not logged yet, or already as far).
   */
  private async advance(call: InboundCall & { durationSeconds: number | null }): Promise<boolean> {
    const rank = rankOf(call.status);
    if (rank === 0) return false;
    const notBehind = KNOWN_STATUSES.filter((status) => rankOf(status) >= rank);
    const { manager, clientId } = TenantContext.current();
    const params: unknown[] = [clientId, call.callSid, notBehind, call.status.slice(0, 20)];
    const next = (value: unknown) => `$${params.push(value)}`;
    const ended = TERMINAL.has(call.status);
    const set = ['status = $4', ...(ended && call.durationSeconds !== null ? [`duration = ${next(call.durationSeconds)}`] : []), ...(ended ? [`outcome = COALESCE(outcome, 'abandoned')`] : [])];
    const moved: Array<{ id: number }> = await manager.query(
      `WITH moved AS (
         UPDATE calls SET ${set.join(', ')}, updated_at = CURRENT_TIMESTAMP
          WHERE client_id = $1 AND twilio_call_sid = $2 AND NOT (COALESCE(status, '') = ANY($3::text[])) RETURNING id)
       SELECT id FROM moved`,
      params,
    );
    return moved.length > 0;
  }
}

/** The call record columns a conversation sets (CallRecordPatch's keys). */
const RECORD_COLUMNS = ['intent', 'outcome', 'appointment_id', 'caller_message'] as const satisfies ReadonlyArray<keyof CallRecordPatch>;

/** Every status a rank is known for. */
const KNOWN_STATUSES = [...TERMINAL, ...Object.keys(RANK)];

/** An inbound call's row as an entity (a status callback that finds no call logs it so, with its end). */
function inboundEntity(call: InboundCall) {
  return {
    twilio_call_sid: call.callSid,
    direction: 'inbound' as const,
    from_number: call.from.slice(0, 255),
    to_number: call.to.slice(0, 255),
    status: (call.status || 'ringing').slice(0, 20),
    start_time: new Date(),
  };
}

/**
 * The VALUES list of transcript rows for a hand-written INSERT on the tenant transaction, their values
 * appended to `params`, whose $1 is the tenant's client_id (row-level security checks every row again).
 */
function transcriptValues(rows: ReturnType<typeof transcriptRows>, params: unknown[]): string {
  const next = (value: unknown) => `$${params.push(value)}`;
  return rows.map((row) => `($1, ${next(row.call_id)}, ${next(row.turn)}, ${next(row.speaker)}, ${next(row.line)}, ${next(row.text)}, ${next(row.confidence)})`).join(', ');
}

/** Transcript rows, numbered per speaker within the turn, so every line is kept and a retried turn inserts none twice. */
function transcriptRows(callId: number, lines: TranscriptLine[]) {
  const seen = new Map<string, number>();
  const place = (line: TranscriptLine) => {
    const key = `${line.turn}:${line.speaker}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n;
  };
  return lines.map((line) => ({
    call_id: callId,
    turn: line.turn,
    speaker: line.speaker,
    line: place(line),
    text: line.text.slice(0, 4000),
    confidence: line.confidence === null || line.confidence === undefined ? null : line.confidence.toFixed(3),
  }));
}
