import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase, TenantRepository } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { confirmationText } from '../outbound/message-templates';
import { type DeliveryOutcome, SmsDelivery } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendAppointmentConfirmation];

/**
 * The text sent after every booking. Its job id is `confirmation:<appointment>`, and the messages
 * row it writes is reused by its retries, so a booking never texts twice; confirmation_sent is set
 * once Twilio has accepted the text.
 */
@Injectable()
@JobHandler(JobName.SendAppointmentConfirmation)
export class SendAppointmentConfirmationJob implements JobHandlerInstance<Payload> {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    private readonly appointments: AppointmentsService,
    private readonly delivery: SmsDelivery,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const appointment = await this.appointments.get(payload.appointment_id).catch(() => null);
      if (!appointment || appointment.status === 'cancelled') return { skipped: 'cancelled' };
      if (appointment.confirmation_sent) return { skipped: 'already sent' };
      const client = await this.store.get();
      const message =
        (await this.messages.findOne({ appointment_id: appointment.id, purpose: 'confirmation' })) ??
        (await this.messages.insert({
          direction: 'outbound',
          from_number: client.ringlypro_number ?? client.business_phone,
          to_number: appointment.customer_phone,
          body: confirmationText(client.business_name, appointment.starts_at, client.timezone, appointment.confirmation_code ?? ''),
          purpose: 'confirmation',
          appointment_id: appointment.id,
          status: 'queued',
        }));
      const delivery = await this.delivery.deliver(message, context.attempt >= context.maxAttempts);
      const accepted = delivery.kind === 'sent' || (delivery.kind === 'already-handled' && message.twilio_sid !== null);
      if (accepted) await this.appointments.markNotified(appointment.id, 'confirmation_sent');
      return { delivery };
    });
    return settle(result);
  }
}
