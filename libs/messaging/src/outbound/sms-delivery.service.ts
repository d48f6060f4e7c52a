import { Inject, Injectable } from '@nestjs/common';
import { UsageMeter } from '@ringlypro/billing';
import { TenantRepository } from '@ringlypro/core';
import { TelephonyError, TWILIO_GATEWAY, type TwilioGateway, WebhookUrls } from '@ringlypro/telephony';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { OptOutsService } from '../opt-outs/opt-outs.service';
import { SmsPolicy } from '../policy/sms-policy.service';
import { smsSegments } from './sms-segments';

export type DeliveryOutcome =
  | { kind: 'sent'; sid: string }
  | { kind: 'already-handled'; status: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed-permanently'; reason: string }
  | { kind: 'failed-transiently'; error: TelephonyError };

/**
 * The one path every outbound text takes: a queued messages row → (SmsPolicy's content rules, opt-out check) → Twilio from the
 * client's Rachel number, with a status callback → the row updated with Twilio's SID and status and the
 * text metered by billing, or
 * with the reason it was refused or failed. Runs inside the tenant transaction of the job.
 */
@Injectable()
export class SmsDelivery {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly store: TenantClientStore,
    private readonly optOuts: OptOutsService,
    @Inject(TWILIO_GATEWAY) private readonly twilio: TwilioGateway,
    private readonly urls: WebhookUrls,
    private readonly meter: UsageMeter,
    private readonly policy: SmsPolicy,
  ) {}

  async deliver(message: Message, finalAttempt: boolean): Promise<DeliveryOutcome> {
    if (message.status !== 'queued') return { kind: 'already-handled', status: message.status };
    // Checked again at sending time: the business may have been deactivated, or the row queued before a rule existed.
    const refusal = this.policy.contentRefusal(await this.store.get(), message.to_number, message.body);
    if (refusal) {
      await this.messages.update({ id: message.id }, { status: 'refused', error_message: refusal.message });
      return { kind: 'refused', reason: refusal.message };
    }
    if (await this.optOuts.isOptedOut(message.to_number)) {
      await this.messages.update({ id: message.id }, { status: 'refused', error_message: 'The recipient has opted out of texts from this business' });
      return { kind: 'refused', reason: 'recipient opted out' };
    }
    const client = await this.store.get();
    if (!client.ringlypro_number) {
      const error = new TelephonyError('unavailable', 'This business has no Rachel number to text from yet');
      if (finalAttempt) await this.messages.update({ id: message.id }, { status: 'failed', error_message: error.message });
      return { kind: 'failed-transiently', error };
    }
    try {
      const sent = await this.twilio.sendSms({ from: client.ringlypro_number, to: message.to_number, body: message.body, statusCallback: this.urls.smsStatus() });
      await this.messages.update({ id: message.id }, { twilio_sid: sent.sid, from_number: client.ringlypro_number, status: sent.status || 'queued' });
      // Metered per segment once Twilio has accepted it, in the same transaction as the row's update.
      await this.meter.textSent({ messageSid: sent.sid, segments: smsSegments(message.body) });
      return { kind: 'sent', sid: sent.sid };
    } catch (caught) {
      const error = TelephonyError.from(caught);
      if (error.retryable && !finalAttempt) return { kind: 'failed-transiently', error };
      await this.messages.update({ id: message.id }, { status: 'failed', error_code: error.twilioCode, error_message: error.message.slice(0, 1000) });
      // Twilio says the recipient unsubscribed (21610): remember it, so we stop trying.
      if (error.failure === 'recipient-unsubscribed') await this.optOuts.optOut(message.to_number, 'carrier');
      return error.retryable ? { kind: 'failed-transiently', error } : { kind: 'failed-permanently', reason: error.message };
    }
  }
}
