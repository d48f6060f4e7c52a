import { Injectable } from '@nestjs/common';
import { Clock, type JobContext, JobHandler, type JobHandlerInstance, JobIds, JobName, type JobPayloads, QueueService, TenantDatabase } from '@ringlypro/core';
import { AppointmentsService, outsideQuietHours } from '@ringlypro/booking';
import { TenantClientStore } from '@ringlypro/tenancy';
import { reminderText } from '../outbound/message-templates';
import { AppointmentTexts } from '../outbound/appointment-texts.service';
import type { DeliveryOutcome } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendAppointmentReminder];

/**
 * The reminder, booked as a delayed job when the appointment was made. By the time it runs the
 * appointment may have been cancelled (skip), rescheduled (skip: the new time has its own job), or
 * it may be quiet hours in the client's zone (wait until 08:00).
 */
@Injectable()
@JobHandler(JobName.SendAppointmentReminder)
export class SendAppointmentReminderJob implements JobHandlerInstance<Payload> {
  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    private readonly appointments: AppointmentsService,
    private readonly texts: AppointmentTexts,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ skipped?: string; deferred_until?: string; delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const appointment = await this.appointments.get(payload.appointment_id).catch(() => null);
      if (!appointment || appointment.status === 'cancelled' || appointment.status === 'completed') return { skipped: 'cancelled' };
      if (appointment.starts_at.toISOString() !== payload.starts_at) return { skipped: 'rescheduled' };
      if (appointment.reminder_sent) return { skipped: 'already sent' };
      const client = await this.store.get();
      if (!client.sms_notifications) return { skipped: 'notifications off' };
      const now = this.clock.now();
      const allowed = outsideQuietHours(now, client.timezone);
      if (allowed.getTime() > now.getTime()) {
        if (allowed >= appointment.starts_at) return { skipped: 'quiet hours until the appointment' };
        await this.queue.enqueue(JobName.SendAppointmentReminder, payload, {
          jobId: `${JobIds.reminder(appointment.id, appointment.starts_at)}:after:${allowed.getTime()}`,
          delayMs: allowed.getTime() - now.getTime(),
        });
        return { deferred_until: allowed.toISOString() };
      }
      const delivery = await this.texts.deliver(
        appointment,
        'reminder',
        (c) => reminderText(c.business_name, appointment.starts_at, c.timezone, appointment.confirmation_code ?? ''),
        context.attempt >= context.maxAttempts,
      );
      if (delivery.kind === 'sent') await this.appointments.markNotified(appointment.id, 'reminder_sent');
      return { delivery };
    });
    return settle(result);
  }
}
