import { Injectable } from '@nestjs/common';
import { type JobContext, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, TenantDatabase, TenantRepository } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { Message } from '../entities/message.entity';
import { type DeliveryOutcome, SmsDelivery } from '../outbound/sms-delivery.service';
import { settle } from './outcome-to-job-result';

type Payload = JobPayloads[JobName.SendSms];

/** Delivers one queued messages row (sent from the dashboard, or a re-sent confirmation). */
@Injectable()
@JobHandler(JobName.SendSms)
export class SendSmsJob implements JobHandlerInstance<Payload> {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly db: TenantDatabase,
    private readonly delivery: SmsDelivery,
    private readonly appointments: AppointmentsService,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<{ delivery?: DeliveryOutcome }> {
    const result = await this.db.run(payload.client_id, async () => {
      const message = await this.messages.findOne({ id: payload.message_id });
      if (!message) return {};
      const delivery = await this.delivery.deliver(message, context.attempt >= context.maxAttempts);
      if (delivery.kind === 'sent' && message.purpose === 'confirmation' && message.appointment_id) {
        await this.appointments.markNotified(message.appointment_id, 'confirmation_sent');
      }
      return { delivery };
    });
    return settle(result);
  }
}
