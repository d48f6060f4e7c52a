import { Injectable } from '@nestjs/common';
import { JobName, QueueService, TenantContext } from '@ringlypro/core';

export type BillingNoticeKind = 'rachel_paused' | 'low_balance';

/**
 * Texts to the owner about their credit go through the queue (the handler lives in messaging), so
 * billing never imports messaging. Enqueued inside the ledger's transaction, they are sent only if
 * it commits; the job id makes a retried transaction enqueue the same job.
 */
@Injectable()
export class BillingNotices {
  constructor(private readonly queue: QueueService) {}

  /** "Rachel is paused until credit is added": at most one a local day (`day`). */
  async rachelPaused(day: string): Promise<void> {
    const clientId = TenantContext.current().clientId;
    await this.queue.enqueue(JobName.SendBillingNotice, { client_id: clientId, notice: 'rachel_paused', key: day }, { jobId: `billing-notice:${clientId}:rachel_paused:${day}` });
  }

  /** Once per fall below the threshold; `ledgerId` is the charge that crossed it. */
  async lowBalance(ledgerId: number, balance: string): Promise<void> {
    const clientId = TenantContext.current().clientId;
    await this.queue.enqueue(
      JobName.SendBillingNotice,
      { client_id: clientId, notice: 'low_balance', key: String(ledgerId), balance },
      { jobId: `billing-notice:${clientId}:low_balance:${ledgerId}` },
    );
  }
}
