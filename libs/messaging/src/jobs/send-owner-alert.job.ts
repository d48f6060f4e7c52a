import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase, TenantRepository } from '@ringlypro/core';
import { Call } from '@ringlypro/telephony';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { ownerAlertText } from '../outbound/owner-alert-text';
import { type DeliveryOutcome, SmsDelivery } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.OwnerCallAlert];

/**
 * Texts the owner what a caller left: a voicemail (recording link) or a message Rachel took down,
 * with the caller's number. Through the one delivery path, so opt-outs and Twilio failures are handled
 * like every other text. A retry reuses the row its earlier attempt wrote; one already sent is not
 * sent again.
 */
@Injectable()
@JobHandler(JobName.OwnerCallAlert)
export class SendOwnerAlertJob implements JobHandlerInstance<Payload> {
  private readonly calls = new TenantRepository(Call);
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    private readonly delivery: SmsDelivery,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const call = await this.calls.findOne({ id: payload.call_id });
      if (!call) return { skipped: 'no such call' };
      const kind = call.recording_url ? 'voicemail' : call.caller_message ? 'message' : null;
      if (!kind) return { skipped: 'nothing left for the owner' };
      const client = await this.store.get();
      const body = ownerAlertText(call, kind, client.timezone);
      const earlier = await this.messages.findOne({ purpose: 'owner_alert', to_number: client.owner_phone, body });
      if (earlier && earlier.status !== 'queued') return { skipped: 'already sent' };
      const message =
        earlier ??
        (await this.messages.insert({
          direction: 'outbound',
          from_number: client.ringlypro_number ?? client.business_phone,
          to_number: client.owner_phone,
          body,
          purpose: 'owner_alert',
          status: 'queued',
        }));
      return { delivery: await this.delivery.deliver(message, context.attempt >= context.maxAttempts) };
    });
    return settle(result);
  }
}
