import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, TenantRepository } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Brackets } from 'typeorm';
import { Appointment } from '../entities/appointment.entity';
import { SlotHolds } from '../holds/slot-holds.service';
import { type Busy, evaluate, type Evaluation, nextSlots, type Slot, slotsBetween, windowOf } from './availability';
import { type BookingRules, rulesFor } from './booking-rules';
import { toLocal } from './zoned-time';

/** The current tenant's bookable time: its settings, its appointments, the platform's notice and horizon. */
@Injectable()
export class AvailabilityService {
  private readonly appointments = new TenantRepository(Appointment);

  constructor(
    private readonly store: TenantClientStore,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly holds: SlotHolds,
  ) {}

  async rules(): Promise<BookingRules> {
    return rulesFor(await this.store.get(), this.config.booking);
  }

  /**
   * Non-cancelled appointments overlapping [start, end), optionally leaving one out (rescheduling it),
   * plus the slots held for calls other than `holder` (a held slot is busy for everyone else).
   */
  async busyBetween(start: Date, end: Date, exceptId?: number, holder?: string): Promise<Busy[]> {
    const qb = this.appointments
      .query('a')
      .select(['a.starts_at', 'a.ends_at'])
      .andWhere(`a.status <> 'cancelled'`)
      .andWhere(new Brackets((w) => w.where('a.starts_at < :end', { end }).andWhere('a.ends_at > :start', { start })));
    if (exceptId !== undefined) qb.andWhere('a.id <> :exceptId', { exceptId });
    const appointments = (await qb.getMany()).map((a) => ({ startsAt: a.starts_at, endsAt: a.ends_at }));
    return [...appointments, ...(await this.holds.busyBetween(start, end, holder))];
  }

  async slots(from: string, to: string, duration?: number): Promise<{ rules: BookingRules; slots: Slot[] }> {
    const rules = await this.rules();
    const window = windowOf(rules, from, to);
    const busy = await this.busyBetween(window.start, window.end);
    return { rules, slots: slotsBetween(rules, from, to, this.clock.now(), busy, duration ?? rules.duration) };
  }

  /** For Rachel: the next `count` free slots at or after a preferred local date and time. */
  async nextSlots(preferred: { date: string; time?: string }, count: number, holder?: string): Promise<Slot[]> {
    const rules = await this.rules();
    const now = this.clock.now();
    const busy = await this.busyBetween(now, new Date(now.getTime() + (rules.horizonDays + 2) * 86_400_000), undefined, holder);
    return nextSlots(rules, preferred, count, now, busy);
  }

  /** Whether one time can be booked, by the same rule the slot list uses. */
  /** `duration` defaults to the business's appointment duration. */
  async check(date: string, time: string, duration?: number, exceptId?: number, holder?: string): Promise<Evaluation> {
    const rules = await this.rules();
    const window = windowOf(rules, date, date);
    const busy = await this.busyBetween(window.start, window.end, exceptId, holder);
    return evaluate(rules, date, time, duration ?? rules.duration, this.clock.now(), busy);
  }

  async today(): Promise<{ date: string; timezone: string }> {
    const client = await this.store.get();
    return { date: toLocal(this.clock.now(), client.timezone).date, timezone: client.timezone };
  }
}

