import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { AppointmentTexts } from '../outbound/appointment-texts.service';
import { confirmationText } from '../outbound/message-templates';
import type { DeliveryOutcome } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendAppointmentConfirmation];

/**
 * The text sent after every booking. Its job id is `confirmation:<appointment>`, and its retries reuse
 * the row the first attempt wrote, so a booking never texts twice; confirmation_sent is set once
 * Twilio has accepted the text.
 */
@Injectable()
@JobHandler(JobName.SendAppointmentConfirmation)
export class SendAppointmentConfirmationJob implements JobHandlerInstance<Payload> {
  constructor(
    private readonly db: TenantDatabase,
    private readonly appointments: AppointmentsService,
    private readonly texts: AppointmentTexts,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const appointment = await this.appointments.get(payload.appointment_id).catch(() => null);
      if (!appointment || appointment.status === 'cancelled') return { skipped: 'cancelled' };
      if (appointment.confirmation_sent) return { skipped: 'already sent' };
      const delivery = await this.texts.deliver(
        appointment,
        'confirmation',
        (client) => confirmationText(client.business_name, appointment.starts_at, client.timezone, appointment.confirmation_code ?? ''),
        context.attempt >= context.maxAttempts,
      );
      if (delivery.kind === 'sent') await this.appointments.markNotified(appointment.id, 'confirmation_sent');
      return { delivery };
    });
    return settle(result);
  }
}
