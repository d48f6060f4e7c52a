import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase, TenantRepository } from '@ringlypro/core';
import { ReloadLinks } from '@ringlypro/billing';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { lowBalanceText, rachelPausedText } from '../outbound/message-templates';
import { type DeliveryOutcome, SmsDelivery } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendBillingNotice];

/**
 * Billing's texts to the owner (Rachel paused, low balance). Billing enqueues them and decides how
 * often; this delivers them through the one SMS path. A retry finds the row its earlier attempt
 * wrote, still queued, and delivers that one instead of writing a second.
 */
@Injectable()
@JobHandler(JobName.SendBillingNotice)
export class SendBillingNoticeJob implements JobHandlerInstance<Payload> {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    private readonly delivery: SmsDelivery,
    private readonly links: ReloadLinks,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const client = await this.store.get();
      if (!client.owner_phone) return { skipped: 'no owner phone' };
      // A signed link to the balance and the credit packs: the owner on a phone has no dashboard session.
      const billingUrl = this.links.linkFor(client.id);
      const body =
        payload.notice === 'rachel_paused' ? rachelPausedText(client.business_name, billingUrl) : lowBalanceText(client.business_name, payload.balance ?? '0.00', billingUrl);
      const message =
        (await this.messages.findOne({ purpose: 'billing', status: 'queued', to_number: client.owner_phone, body })) ??
        (await this.messages.insert({
          direction: 'outbound',
          from_number: client.ringlypro_number ?? client.business_phone,
          to_number: client.owner_phone,
          body,
          purpose: 'billing',
          status: 'queued',
        }));
      return { delivery: await this.delivery.deliver(message, context.attempt >= context.maxAttempts) };
    });
    return settle(result);
  }
}
