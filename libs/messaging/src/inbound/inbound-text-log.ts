import { Injectable } from '@nestjs/common';
import { GroupCommitter, type SqlStatement } from '@ringlypro/core';
import { DataSource } from 'typeorm';

/** A customer's text as the messages table keeps it (already cut to the columns' lengths). */
export interface InboundText {
  sid: string;
  from: string;
  to: string;
  body: string;
}

/** Rows per transaction; more concurrent texts than this open another batch at once. */
const MAX_BATCH = 100;

/**
 * Stores customers' ordinary texts — the ones that are no keyword, so nothing is done with them but
 * keeping them — committed before the webhook answers, with concurrent webhooks' rows group-committed
 * (one transaction per event-loop turn, see GroupCommitter) instead of a tenant transaction each.
 * Same row and same once-per-MessageSid rule as InboundSmsService.receive, which keywords still take:
 * they must know whether this delivery is the first, to act on it once.
 */
@Injectable()
export class InboundTextLog {
  private readonly committer: GroupCommitter<InboundText>;

  constructor(dataSource: DataSource) {
    this.committer = new GroupCommitter(dataSource, inboundTextsStatement, MAX_BATCH);
  }

  keep(clientId: number, text: InboundText): Promise<void> {
    return this.committer.write(clientId, { sid: text.sid, from: text.from.slice(0, 255), to: text.to.slice(0, 255), body: text.body.slice(0, 5000) });
  }
}

/**
 * One multi-row INSERT for a tenant's texts. client_id is the tenant the transaction is set to, and
 * row-level security checks it again; a MessageSid already stored (a redelivered webhook) is skipped.
 */
export function inboundTextsStatement(clientId: number, rows: InboundText[]): SqlStatement {
  const params: unknown[] = [clientId];
  const values = rows.map((row) => {
    params.push(row.sid, row.from, row.to, row.body);
    const n = params.length;
    return `($1, $${n - 3}, 'inbound', $${n - 2}, $${n - 1}, $${n}, 'received', 'inbound')`;
  });
  return {
    sql: `INSERT INTO messages (client_id, twilio_sid, direction, from_number, to_number, body, status, purpose) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  };
}
