import { Injectable } from '@nestjs/common';
import { GroupCommitter, TenantContext, TenantDatabase } from '@ringlypro/core';
import { DataSource } from 'typeorm';
import { CallLogService } from './call-log.service';
import { type InboundCall, inboundCallsStatement, inboundRow, type InboundRow } from './inbound-call-rows';

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
    this.committer = new GroupCommitter(dataSource, inboundCallsStatement, MAX_BATCH);
  }

  async logInbound(clientId: number, call: InboundCall): Promise<void> {
    if (call.forwardedFrom || call.calledVia || TenantContext.peek()) {
      await this.db.run(clientId, () => this.calls.logInbound(call));
      return;
    }
    await this.committer.write(clientId, inboundRow(call));
  }
}
