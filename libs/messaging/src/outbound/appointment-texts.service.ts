import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import type { Appointment } from '@ringlypro/booking';
import { type Client, TenantClientStore } from '@ringlypro/tenancy';
import { TelephonyError } from '@ringlypro/telephony';
import { Message } from '../entities/message.entity';
import { SmsPolicy } from '../policy/sms-policy.service';
import { type DeliveryOutcome, SmsDelivery } from './sms-delivery.service';

/**
 * Texts about one appointment (its confirmation, its reminder). A retried job finds the row its
 * earlier attempt wrote, still queued, and delivers that one instead of writing a second.
 */
@Injectable()
export class AppointmentTexts {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly store: TenantClientStore,
    private readonly delivery: SmsDelivery,
    private readonly policy: SmsPolicy,
  ) {}

  async deliver(
    appointment: Appointment,
    purpose: 'confirmation' | 'reminder' | 'rescheduled' | 'cancelled',
    compose: (client: Client) => string,
    finalAttempt: boolean,
  ): Promise<DeliveryOutcome> {
    const client = await this.store.get();
    const body = compose(client);
    // A change text is looked up by its body too: two moves in a row are two different texts.
    const change = purpose === 'rescheduled' || purpose === 'cancelled';
    const earlier = await this.messages.findOne({ appointment_id: appointment.id, purpose, status: 'queued', ...(change ? { body } : {}) });
    if (earlier) return this.delivery.deliver(earlier, finalAttempt);
    const row = {
      direction: 'outbound' as const,
      from_number: client.ringlypro_number ?? client.business_phone,
      to_number: appointment.customer_phone,
      body,
      purpose,
      appointment_id: appointment.id,
    };
    // A new text counts against the tenant's limits. Over the per-minute rate it waits for the job's
    // next attempt; over the daily cap (or on the last attempt) the refusal is recorded on the row.
    const refusal = this.policy.contentRefusal(client, row.to_number, row.body) ?? (await this.policy.volumeRefusal());
    if (refusal?.kind === 'rate' && !finalAttempt) return { kind: 'failed-transiently', error: new TelephonyError('rate-limited', refusal.message) };
    if (refusal) {
      await this.messages.insert({ ...row, status: 'refused', error_message: refusal.message });
      return { kind: 'refused', reason: refusal.message };
    }
    return this.delivery.deliver(await this.messages.insert({ ...row, status: 'queued' }), finalAttempt);
  }
}
