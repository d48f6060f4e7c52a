import { type SqlStatement } from '@ringlypro/core';
import type { QueryRunner } from 'typeorm';

/** Twilio's facts about an inbound call, as a webhook reports them. */
export interface InboundCall {
  callSid: string;
  from: string;
  to: string;
  status: string;
  /** Twilio's ForwardedFrom: the number that forwarded the call, when the carrier says. */
  forwardedFrom?: string;
  /** Twilio's CalledVia: the number the caller dialed when the call was forwarded. */
  calledVia?: string;
}

/** One inbound call's row in calls, as both call-log writers store it. */
export interface InboundRow {
  callSid: string;
  from: string;
  to: string;
  status: string;
  startTime: Date;
}

export function inboundRow(call: InboundCall): InboundRow {
  return { callSid: call.callSid, from: call.from.slice(0, 255), to: call.to.slice(0, 255), status: (call.status || 'ringing').slice(0, 20), startTime: new Date() };
}

/**
 * One multi-row INSERT for a tenant's inbound calls, hand-written (TypeORM's insert builder costs more
 * than the round trip). client_id is the tenant the transaction is set to, and row-level security
 * checks it again; a CallSid already stored (a retried webhook) is skipped. Returns the ids of the
 * rows it inserted.
 */
export async function insertInboundCalls(runner: QueryRunner, clientId: number, rows: InboundRow[]): Promise<number[]> {
  const { sql, params } = inboundCallsStatement(clientId, rows);
  const inserted: Array<{ id: number }> = await runner.query(sql, [...params]);
  return inserted.map((row) => Number(row.id));
}

/** The multi-row INSERT of insertInboundCalls, as a statement (what the call-log group commit sends). */
export function inboundCallsStatement(clientId: number, rows: InboundRow[]): SqlStatement {
  const params: unknown[] = [clientId];
  const values = rows.map((row) => {
    params.push(row.callSid, row.from, row.to, row.status, row.startTime);
    const n = params.length;
    return `($1, $${n - 4}, 'inbound', $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  return {
    sql: `INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status, start_time) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
    params,
  };
}
