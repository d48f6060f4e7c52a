import { Injectable } from '@nestjs/common';
import { GroupCommitter, TenantContext, TenantDatabase } from '@ringlypro/core';
import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { CallLogService, type InboundCall } from './call-log.service';

/** One inbound call's row, as logInbound writes it. */
interface InboundRow {
  callSid: string;
  from: string;
  to: string;
  status: string;
  startTime: Date;
}

/** Rows per transaction; more concurrent webhooks than this open another batch at once. */
const MAX_BATCH = 100;

/**
 * Logs an inbound call from a webhook and commits it before the webhook answers, group-committing
 * concurrent webhooks' rows (one transaction per event-loop turn, see GroupCommitter) instead of one
 * tenant transaction per call. Same row, same once-per-CallSid rule as CallLogService.logInbound.
 *
 * A call that proves carrier forwarding (ForwardedFrom/CalledVia) also updates the client: that one
 * takes the ordinary tenant transaction, as does a call logged inside an open tenant transaction
 * (its row must commit with the caller's work).
 */
@Injectable()
export class CallLogWriter {
  private readonly committer: GroupCommitter<InboundRow>;

  constructor(
    dataSource: DataSource,
    private readonly db: TenantDatabase,
    private readonly calls: CallLogService,
  ) {
    this.committer = new GroupCommitter(dataSource, insertInboundCalls, MAX_BATCH);
  }

  async logInbound(clientId: number, call: InboundCall): Promise<void> {
    if (call.forwardedFrom || call.calledVia || TenantContext.peek()) return this.db.run(clientId, () => this.calls.logInbound(call));
    await this.committer.write(clientId, {
      callSid: call.callSid,
      from: call.from.slice(0, 255),
      to: call.to.slice(0, 255),
      status: (call.status || 'ringing').slice(0, 20),
      startTime: new Date(),
    });
  }
}

/**
 * One multi-row INSERT for a tenant's calls. client_id is the tenant the transaction is set to, and
 * row-level security checks it again; a CallSid already stored (a retried webhook) is skipped.
 */
export async function insertInboundCalls(runner: QueryRunner, clientId: number, rows: InboundRow[]): Promise<void> {
  const params: unknown[] = [clientId];
  const values = rows.map((row) => {
    params.push(row.callSid, row.from, row.to, row.status, row.startTime);
    const n = params.length;
    return `($1, $${n - 4}, 'inbound', $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  await runner.query(
    `INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status, start_time) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
}
