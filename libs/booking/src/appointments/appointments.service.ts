import { Injectable } from '@nestjs/common';
import {
  Clock,
  ConflictError,
  InvalidInputError,
  JobIds,
  JobName,
  NotFoundError,
  QueueService,
  sqlStateOf,
  TenantContext,
  TenantRepository,
  UnprocessableError,
} from '@ringlypro/core';
import { Contact, TenantClientStore } from '@ringlypro/tenancy';
import { QueryFailedError } from 'typeorm';
import { AvailabilityService } from '../availability/availability.service';
import { isCalendarDate } from '../availability/zoned-time';
import { Appointment, type AppointmentSource, type AppointmentStatus } from '../entities/appointment.entity';
import { SlotHolds } from '../holds/slot-holds.service';
import { reminderTime } from '../reminders/reminder-time';
import { newConfirmationCode } from './confirmation-code';
import type { CreateAppointmentDto } from './dto/create-appointment.dto';
import type { ListAppointmentsQuery } from './dto/list-appointments.query';
import type { UpdateAppointmentDto } from './dto/update-appointment.dto';

const OVERLAP = '23P01';
const UNIQUE = '23505';

/** Which status may follow which; cancelled comes back only through a fresh availability check. */
const TRANSITIONS: Record<AppointmentStatus, AppointmentStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  cancelled: ['confirmed'],
  completed: [],
};

export type BookingInput = Omit<CreateAppointmentDto, 'source'> & { source: AppointmentSource; call_sid?: string };

/**
 * Who should hear about a change: the owner's API changes tell the customer by text; a customer's
 * own change (an X reply, a call with Rachel) has its answer already and tells nobody.
 */
export type ChangeNotice = 'tell-customer' | 'silent';

/**
 * Appointments of the current tenant. A booking is checked by the same rule that lists slots, and
 * the database's exclusion constraint decides races: of fifty requests for one slot, one wins and
 * the rest get 409. Every booking (from any source) enqueues its confirmation and reminder, sent
 * only once the booking has committed.
 */
@Injectable()
export class AppointmentsService {
  private readonly appointments = new TenantRepository(Appointment);
  private readonly contacts = new TenantRepository(Contact);

  constructor(
    private readonly availability: AvailabilityService,
    private readonly store: TenantClientStore,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    private readonly holds: SlotHolds,
  ) {}

  async book(input: BookingInput): Promise<Appointment> {
    const client = await this.store.get();
    if (!client.booking_enabled) throw new UnprocessableError('Booking is turned off for this business');
    if (!isCalendarDate(input.appointment_date)) throw new InvalidInputError([{ field: 'appointment_date', message: 'appointment_date is not a calendar date' }]);
    const duration = input.duration ?? client.appointment_duration;
    // A call books through its own hold; everyone else finds held slots busy.
    await this.assertBookable(input.appointment_date, input.appointment_time, duration, undefined, input.call_sid);
    const contactId = await this.upsertContact(input.customer_name, input.customer_phone, input.customer_email ?? null);
    const appointment = await this.insertWithCode({
      contact_id: contactId,
      customer_name: input.customer_name,
      customer_phone: input.customer_phone,
      customer_email: input.customer_email ?? null,
      appointment_date: input.appointment_date,
      appointment_time: input.appointment_time,
      duration,
      purpose: input.purpose ?? 'General Consultation',
      notes: input.notes ?? null,
      status: 'confirmed',
      source: input.source,
      call_sid: input.call_sid ?? null,
    });
    if (input.call_sid) await this.holds.release(input.call_sid);
    if (client.sms_notifications) {
      await this.queue.enqueue(JobName.SendAppointmentConfirmation, { client_id: client.id, appointment_id: appointment.id }, { jobId: JobIds.confirmation(appointment.id) });
      await this.scheduleReminder(appointment, client.timezone);
    }
    return appointment;
  }

  async get(id: number): Promise<Appointment> {
    const appointment = await this.appointments.findOne({ id });
    if (!appointment) throw new NotFoundError('Appointment not found');
    return appointment;
  }

  async byCode(code: string): Promise<Appointment> {
    const appointment = await this.appointments.findOne({ confirmation_code: code.toUpperCase() });
    if (!appointment) throw new NotFoundError('Appointment not found');
    return appointment;
  }

  async list(query: ListAppointmentsQuery) {
    const qb = this.appointments.query('a').orderBy('a.starts_at', 'ASC').addOrderBy('a.id', 'ASC');
    if (query.from) qb.andWhere('a.appointment_date >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.appointment_date <= :to', { to: query.to });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const [items, total] = await qb.skip((query.page - 1) * query.page_size).take(query.page_size).getManyAndCount();
    return { items, total, page: query.page, page_size: query.page_size };
  }

  /** Today's appointments in the client's own time zone. */
  async today(): Promise<{ date: string; timezone: string; appointments: Appointment[] }> {
    const { date, timezone } = await this.availability.today();
    const appointments = await this.appointments.find({ appointment_date: date }, { order: { starts_at: 'ASC' } });
    return { date, timezone, appointments };
  }

  /** `holder`: the call rescheduling by voice, whose own held slot is not a conflict. */
  async update(id: number, dto: UpdateAppointmentDto, notice: ChangeNotice = 'silent', holder?: string): Promise<Appointment> {
    const current = await this.get(id);
    if (dto.status === 'completed' && current.status !== 'completed' && current.starts_at.getTime() > this.clock.now().getTime()) {
      throw new UnprocessableError('An appointment can be marked completed only once it has started');
    }
    const reschedules = dto.appointment_date !== undefined || dto.appointment_time !== undefined || dto.duration !== undefined;
    const nextStatus = dto.status ?? current.status;
    if (dto.status && dto.status !== current.status && !TRANSITIONS[current.status].includes(dto.status)) {
      throw new UnprocessableError(`An appointment that is ${current.status} cannot become ${dto.status}`);
    }
    if (reschedules && (nextStatus === 'cancelled' || nextStatus === 'completed')) {
      throw new UnprocessableError(`A ${nextStatus} appointment cannot be rescheduled`);
    }
    const date = dto.appointment_date ?? current.appointment_date;
    const time = dto.appointment_time ?? current.appointment_time.slice(0, 5);
    const duration = dto.duration ?? current.duration;
    const revived = current.status === 'cancelled' && nextStatus === 'confirmed';
    if (reschedules || revived) {
      if (!isCalendarDate(date)) throw new InvalidInputError([{ field: 'appointment_date', message: 'appointment_date is not a calendar date' }]);
      await this.assertBookable(date, time, duration, id, holder);
    }
    const patch = {
      ...(reschedules ? { appointment_date: date, appointment_time: time, duration, reminder_sent: false } : {}),
      ...(dto.status ? { status: dto.status } : {}),
      ...(dto.purpose !== undefined ? { purpose: dto.purpose } : {}),
      ...(dto.notes !== undefined ? { notes: dto.notes } : {}),
    };
    await this.overlapsAs409(() => this.appointments.update({ id }, patch));
    if (holder) await this.holds.release(holder);
    const updated = await this.get(id);
    if ((reschedules || revived) && updated.status !== 'cancelled') {
      const client = await this.store.get();
      if (client.sms_notifications) await this.scheduleReminder(updated, client.timezone);
    }
    if (notice === 'tell-customer') {
      if (updated.status === 'cancelled' && current.status !== 'cancelled') await this.tellCustomer(updated, 'cancelled');
      else if (updated.status !== 'cancelled' && updated.starts_at.getTime() !== current.starts_at.getTime()) await this.tellCustomer(updated, 'rescheduled');
    }
    return updated;
  }

  /** Cancels and frees the slot; cancelling again changes nothing (and texts nobody again). */
  async cancel(id: number, notice: ChangeNotice = 'silent'): Promise<Appointment> {
    const current = await this.get(id);
    if (current.status === 'cancelled') return current;
    if (current.status === 'completed') throw new UnprocessableError('A completed appointment cannot be cancelled');
    await this.appointments.update({ id }, { status: 'cancelled' });
    const cancelled = await this.get(id);
    if (notice === 'tell-customer') await this.tellCustomer(cancelled, 'cancelled');
    return cancelled;
  }

  /**
   * Texts the customer about the owner's change, after the transaction commits, through the one
   * delivery path (which refuses opted-out numbers). Past appointments are not worth a text.
   */
  private async tellCustomer(appointment: Appointment, change: 'rescheduled' | 'cancelled'): Promise<void> {
    if (appointment.starts_at.getTime() <= this.clock.now().getTime()) return;
    const client = await this.store.get();
    if (!client.sms_notifications) return;
    await this.queue.enqueue(
      JobName.SendAppointmentChange,
      { client_id: client.id, appointment_id: appointment.id, change, starts_at: appointment.starts_at.toISOString() },
      { jobId: JobIds.appointmentChange(appointment.id, change, appointment.starts_at) },
    );
  }

  /** The customer's next upcoming, still-open appointment (for C / X replies by text). */
  async nextFor(phone: string): Promise<Appointment | null> {
    return this.appointments
      .query('a')
      .andWhere('a.customer_phone = :phone', { phone })
      .andWhere(`a.status IN ('confirmed', 'pending')`)
      .andWhere('a.starts_at > :now', { now: this.clock.now() })
      .orderBy('a.starts_at', 'ASC')
      .getOne();
  }

  async markConfirmed(id: number): Promise<Appointment> {
    const current = await this.get(id);
    if (current.status === 'pending') await this.appointments.update({ id }, { status: 'confirmed' });
    return this.get(id);
  }

  async markNotified(id: number, flag: 'confirmation_sent' | 'reminder_sent'): Promise<void> {
    await this.appointments.update({ id }, { [flag]: true });
  }

  private async assertBookable(date: string, time: string, duration: number, exceptId?: number, holder?: string): Promise<void> {
    const result = await this.availability.check(date, time, duration, exceptId, holder);
    if (result.ok) return;
    if (result.reason === 'taken') throw new ConflictError(result.message, 'appointment_time');
    throw new UnprocessableError(result.message);
  }

  private async insertWithCode(values: Omit<Partial<Appointment>, 'client_id'>): Promise<Appointment> {
    const { manager } = TenantContext.current();
    for (let attempt = 0; ; attempt++) {
      // A savepoint per attempt: a collision of the random code must not abort the whole request.
      const savepoint = `booking_code_${attempt}`;
      await manager.query(`SAVEPOINT ${savepoint}`);
      try {
        const row = await this.overlapsAs409(() => this.appointments.insert({ ...values, confirmation_code: newConfirmationCode() } as never));
        await manager.query(`RELEASE SAVEPOINT ${savepoint}`);
        return this.get(row.id);
      } catch (error) {
        await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        const constraint = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }).constraint : undefined;
        if (sqlStateOf(error) === UNIQUE && constraint === 'appointments_confirmation_code_key' && attempt < 5) continue;
        throw error;
      }
    }
  }

  /** The exclusion constraint is the final word on double booking: its violation is a 409. */
  private async overlapsAs409<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlStateOf(error) === OVERLAP) throw new ConflictError('That time was just booked by someone else; please pick another slot', 'appointment_time');
      throw error;
    }
  }

  /**
   * Finds or creates the CRM contact for this phone in one statement, so concurrent bookings by one
   * customer share one contact. The email is kept only if no other contact of the business has it.
   */
  private async upsertContact(name: string, phone: string, email: string | null): Promise<number> {
    const [first, ...rest] = name.trim().split(/\s+/);
    const emailFree = email !== null && (await this.contacts.count({ email })) === 0;
    return this.contacts.upsert(
      { first_name: first, last_name: rest.join(' ') || '-', phone, email: emailFree ? email : null, source: 'booking', last_contacted_at: this.clock.now() },
      ['phone'],
      ['last_contacted_at'],
    );
  }

  private async scheduleReminder(appointment: Appointment, timezone: string): Promise<void> {
    const at = reminderTime(appointment.starts_at, this.clock.now(), timezone);
    if (!at) return;
    await this.queue.enqueue(
      JobName.SendAppointmentReminder,
      { client_id: appointment.client_id, appointment_id: appointment.id, starts_at: appointment.starts_at.toISOString() },
      { jobId: JobIds.reminder(appointment.id, appointment.starts_at), delayMs: Math.max(0, at.getTime() - this.clock.now().getTime()) },
    );
  }
}

