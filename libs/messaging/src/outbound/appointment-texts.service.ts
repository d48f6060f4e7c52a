import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import type { Appointment } from '@ringlypro/booking';
import { type Client, TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
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
    const message =
      (await this.messages.findOne({ appointment_id: appointment.id, purpose, status: 'queued', ...(change ? { body } : {}) })) ??
      (await this.messages.insert({
        direction: 'outbound',
        from_number: client.ringlypro_number ?? client.business_phone,
        to_number: appointment.customer_phone,
        body,
        purpose,
        appointment_id: appointment.id,
        status: 'queued',
      }));
    return this.delivery.deliver(message, finalAttempt);
  }
}
