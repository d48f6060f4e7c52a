import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { AppointmentTexts } from '../outbound/appointment-texts.service';
import { cancelledText, rescheduledText } from '../outbound/message-templates';
import type { DeliveryOutcome } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendAppointmentChange];

/**
 * Tells the customer that the owner moved or cancelled their appointment. The job id names the
 * change and the start it produced, so a retried request never texts twice. By the time it runs a
 * later change may have superseded it (moved again, cancelled, revived): then it sends nothing and
 * the later change's own job speaks.
 */
@Injectable()
@JobHandler(JobName.SendAppointmentChange)
export class SendAppointmentChangeJob implements JobHandlerInstance<Payload> {
  constructor(
    private readonly db: TenantDatabase,
    private readonly appointments: AppointmentsService,
    private readonly texts: AppointmentTexts,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const appointment = await this.appointments.get(payload.appointment_id).catch(() => null);
      if (!appointment) return { skipped: 'gone' };
      const cancelled = appointment.status === 'cancelled';
      if (payload.change === 'cancelled' ? !cancelled : cancelled || appointment.starts_at.toISOString() !== payload.starts_at) {
        return { skipped: 'superseded' };
      }
      const delivery = await this.texts.deliver(
        appointment,
        payload.change,
        (c) =>
          payload.change === 'rescheduled'
            ? rescheduledText(c.business_name, appointment.starts_at, c.timezone, appointment.confirmation_code ?? '')
            : cancelledText(c.business_name, appointment.starts_at, c.timezone, c.business_phone),
        context.attempt >= context.maxAttempts,
      );
      return { delivery };
    });
    return settle(result);
  }
}
