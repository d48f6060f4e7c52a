import { Injectable } from '@nestjs/common';
import { Clock, TenantRepository } from '@ringlypro/core';
import { LessThanOrEqual } from 'typeorm';
import { SlotHold } from '../entities/slot-hold.entity';

/**
 * Slots held for a call between Rachel's offer and the caller's "yes". A held slot counts as busy for
 * every booking and every other call (AvailabilityService reads live holds), but not for the call
 * holding it. One hold per call: holding another slot moves it. Holds live in the database so every
 * replica respects them, and the exclusion constraint lets only one of two calls hold the same time.
 * They end when the call books, says no, hangs up (status callback), or when they expire.
 */
@Injectable()
export class SlotHolds {
  private readonly holds = new TenantRepository(SlotHold);

  constructor(private readonly clock: Clock) {}

  /** Holds [startsAt, endsAt) for the call until `minutes` from now; false when another call holds it. */
  async hold(callSid: string, startsAt: Date, endsAt: Date, minutes: number): Promise<boolean> {
    const now = this.clock.now();
    await this.holds.delete({ expires_at: LessThanOrEqual(now) });
    await this.holds.delete({ call_sid: callSid });
    // ON CONFLICT DO NOTHING arbitrates on the exclusion constraint too: losing the race to another
    // call inserts nothing (and aborts nothing), in one statement.
    return this.holds.insertOrIgnore({ call_sid: callSid, starts_at: startsAt, ends_at: endsAt, expires_at: new Date(now.getTime() + minutes * 60_000) });
  }

  async release(callSid: string): Promise<void> {
    await this.holds.delete({ call_sid: callSid });
  }

  /** Live holds of other calls overlapping [start, end), as busy time. */
  async busyBetween(start: Date, end: Date, exceptCallSid?: string): Promise<Array<{ startsAt: Date; endsAt: Date }>> {
    const qb = this.holds
      .query('h')
      .andWhere('h.expires_at > :now', { now: this.clock.now() })
      .andWhere('h.starts_at < :end', { end })
      .andWhere('h.ends_at > :start', { start });
    if (exceptCallSid) qb.andWhere('h.call_sid <> :callSid', { callSid: exceptCallSid });
    return (await qb.getMany()).map((h) => ({ startsAt: h.starts_at, endsAt: h.ends_at }));
  }
}
