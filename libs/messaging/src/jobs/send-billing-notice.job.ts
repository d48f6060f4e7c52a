import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase, TenantRepository } from '@ringlypro/core';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const client = await this.store.get();
      if (!client.owner_phone) return { skipped: 'no owner phone' };
      const billingUrl = `${this.config.baseUrl}/billing`;
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
