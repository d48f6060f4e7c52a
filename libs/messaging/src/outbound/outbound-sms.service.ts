import { Injectable } from '@nestjs/common';
import { JobIds, JobName, QueueService, TenantRepository, UnprocessableError } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { OptOutsService } from '../opt-outs/opt-outs.service';
import { SmsPolicy } from '../policy/sms-policy.service';
import { refusalAsHttpError } from '../policy/sms-refusal';
import { confirmationText } from './message-templates';

/** Texts the dashboard asks for: written as queued rows now, delivered by the send-sms job after commit. */
@Injectable()
export class OutboundSmsService {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly store: TenantClientStore,
    private readonly optOuts: OptOutsService,
    private readonly appointments: AppointmentsService,
    private readonly queue: QueueService,
    private readonly policy: SmsPolicy,
  ) {}

  /** Refusals are answered as 4xx here, before anything is written or queued; SmsDelivery checks again when it sends. */
  async send(to: string, body: string, purpose: 'manual' | 'confirmation' = 'manual', appointmentId: number | null = null): Promise<Message> {
    const client = await this.store.get();
    const refusal = this.policy.contentRefusal(client, to, body);
    if (refusal) throw refusalAsHttpError(refusal);
    if (await this.optOuts.isOptedOut(to)) {
      throw new UnprocessableError(`${to} has opted out of texts from this business (they replied STOP); they can text START to opt back in`);
    }
    const cap = (appointmentId !== null && purpose === 'confirmation' ? await this.policy.confirmationRefusal(appointmentId) : null) ?? (await this.policy.volumeRefusal());
    if (cap) throw refusalAsHttpError(cap);
    const message = await this.messages.insert({
      direction: 'outbound',
      from_number: client.ringlypro_number ?? client.business_phone,
      to_number: to,
      body,
      purpose,
      appointment_id: appointmentId,
      status: 'queued',
    });
    await this.queue.enqueue(JobName.SendSms, { client_id: client.id, message_id: message.id }, { jobId: JobIds.sms(message.id) });
    return message;
  }

  async resendConfirmation(appointmentId: number): Promise<Message> {
    const appointment = await this.appointments.get(appointmentId);
    if (appointment.status === 'cancelled') throw new UnprocessableError('This appointment is cancelled');
    const client = await this.store.get();
    const body = confirmationText(client.business_name, appointment.starts_at, client.timezone, appointment.confirmation_code ?? '');
    return this.send(appointment.customer_phone, body, 'confirmation', appointment.id);
  }

  async list(phone: string | undefined, page: number, pageSize: number) {
    const qb = this.messages.query('m').orderBy('m.created_at', 'DESC').addOrderBy('m.id', 'DESC');
    if (phone) qb.andWhere('(m.to_number = :phone OR m.from_number = :phone)', { phone });
    const [items, total] = await qb.skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items, total, page, page_size: pageSize };
  }
}
