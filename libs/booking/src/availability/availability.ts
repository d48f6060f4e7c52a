import type { BookingRules } from './booking-rules';
import { daysBetween } from '@ringlypro/core';
import { addDays, converterForDay, fromLocal, type LocalToInstant, toLocal } from './zoned-time';

export interface Busy {
  startsAt: Date;
  endsAt: Date;
}

/**
 * Busy intervals sorted by start, with the running maximum of their ends: "does [s, e) overlap
 * anything?" is one binary search (the last interval starting before e) and one comparison (has any
 * interval up to it ended after s?). Correct whether or not the intervals overlap each other.
 */
export class BusyTimes {
  private readonly starts: number[];
  private readonly maxEnds: number[];

  constructor(busy: readonly Busy[]) {
    const sorted = [...busy].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    this.starts = sorted.map((b) => b.startsAt.getTime());
    let max = -Infinity;
    this.maxEnds = sorted.map((b) => (max = Math.max(max, b.endsAt.getTime())));
  }

  overlaps(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxEnds[lo - 1] > start;
  }
}

const indexOf = (busy: readonly Busy[] | BusyTimes) => (busy instanceof BusyTimes ? busy : new BusyTimes(busy));

export interface Slot {
  date: string;
  time: string;
  starts_at: string;
  ends_at: string;
  duration: number;
}

export type Refusal = 'closed-day' | 'outside-hours' | 'no-such-local-time' | 'too-soon' | 'past' | 'beyond-horizon' | 'taken';

export type Evaluation = { ok: true; startsAt: Date; endsAt: Date } | { ok: false; reason: Refusal; message: string };

const fmtMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * The one rule for whether an appointment of `duration` minutes may start at a local date and time.
 * Listing calls it for every candidate slot; booking calls it for the requested time; so what is
 * offered is exactly what can be booked. `busy` holds the non-cancelled appointments around it.
 */
export function evaluate(
  rules: BookingRules,
  date: string,
  time: string,
  duration: number,
  now: Date,
  busy: readonly Busy[] | BusyTimes,
  toInstant: LocalToInstant = (d, t) => fromLocal(d, t, rules.timeZone),
): Evaluation {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (!rules.openDays.has(weekday)) return { ok: false, reason: 'closed-day', message: `The business is closed on ${['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'][weekday]}` };
  const startsAt = toInstant(date, time);
  if (!startsAt) return { ok: false, reason: 'no-such-local-time', message: `${date} ${time} does not exist in ${rules.timeZone} (the clocks skip it)` };
  const endsAt = new Date(startsAt.getTime() + duration * 60_000);
  const opens = toInstant(date, fmtMinutes(rules.opensAt));
  const closes = toInstant(date, fmtMinutes(rules.closesAt));
  if (!opens || !closes || startsAt < opens || endsAt > closes) {
    return { ok: false, reason: 'outside-hours', message: `Appointments must fit within business hours, ${fmtMinutes(rules.opensAt)}–${fmtMinutes(rules.closesAt)}` };
  }
  if (startsAt <= now) return { ok: false, reason: 'past', message: 'That time has already passed' };
  if (startsAt.getTime() < now.getTime() + rules.minNoticeMinutes * 60_000) {
    return { ok: false, reason: 'too-soon', message: `Appointments need at least ${rules.minNoticeMinutes} minutes' notice` };
  }
  if (startsAt.getTime() > now.getTime() + rules.horizonDays * 86_400_000) {
    return { ok: false, reason: 'beyond-horizon', message: `Appointments can be booked at most ${rules.horizonDays} days ahead` };
  }
  if (indexOf(busy).overlaps(startsAt.getTime(), endsAt.getTime())) return { ok: false, reason: 'taken', message: 'That time overlaps another appointment' };
  return { ok: true, startsAt, endsAt };
}

/** Bookable slots of one local day, in order. A repeated local time (DST fall-back) appears once. */
export function slotsOn(rules: BookingRules, date: string, now: Date, busy: readonly Busy[] | BusyTimes, duration = rules.duration): Slot[] {
  const slots: Slot[] = [];
  const busyTimes = indexOf(busy);
  if (!rules.openDays.has(new Date(`${date}T00:00:00Z`).getUTCDay())) return slots;
  // A zero or negative step would never reach closing time.
  if (!(rules.slotInterval >= 1) || !(duration >= 1)) throw new RangeError('slotsOn: slot interval and duration must be at least one minute');
  const toInstant = converterForDay(date, rules.timeZone);
  for (let m = rules.opensAt; m + duration <= rules.closesAt; m += rules.slotInterval) {
    const time = fmtMinutes(m);
    const result = evaluate(rules, date, time, duration, now, busyTimes, toInstant);
    if (result.ok) slots.push({ date, time, starts_at: result.startsAt.toISOString(), ends_at: result.endsAt.toISOString(), duration });
  }
  return slots;
}

/** The most days one slot listing may cover: callers validate their window against it, and the loop stops there regardless. */
export const MAX_LISTING_DAYS = 370;

/** Slots from `from` to `to` inclusive (local dates). */
export function slotsBetween(rules: BookingRules, from: string, to: string, now: Date, busy: readonly Busy[], duration = rules.duration): Slot[] {
  const days = daysBetween(from, to);
  if (days >= MAX_LISTING_DAYS) throw new RangeError(`slotsBetween: ${from} … ${to} is more than ${MAX_LISTING_DAYS} days`);
  const slots: Slot[] = [];
  const busyTimes = new BusyTimes(busy);
  // Counted, not compared: the loop runs days + 1 times whatever the dates look like.
  for (let day = 0; day <= days; day++) slots.push(...slotsOn(rules, addDays(from, day), now, busyTimes, duration));
  return slots;
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * For Rachel: `count` slots nearest a preferred local date and time, in time order. On the preferred
 * day the nearest free times on either side come first — asked for 2:00 when it is taken, a
 * receptionist offers 1:30 or 2:30, not 2:30 or 3:00 (ties go to the later time). Without a time, or
 * when that day has too few, the search goes on through the following days from opening time.
 */
export function nextSlots(rules: BookingRules, preferred: { date: string; time?: string }, count: number, now: Date, busy: readonly Busy[]): Slot[] {
  const found: Slot[] = [];
  const busyTimes = new BusyTimes(busy);
  const today = toLocal(now, rules.timeZone).date;
  let date = preferred.date < today ? today : preferred.date;
  const lastDay = addDays(today, rules.horizonDays + 1);
  for (let day = 0; found.length < count && day <= rules.horizonDays + 1 && date <= lastDay; day++, date = addDays(date, 1)) {
    let free = slotsOn(rules, date, now, busyTimes);
    if (day === 0 && preferred.time && date === preferred.date) {
      const wanted = minutesOf(preferred.time);
      const distance = (slot: Slot) => Math.abs(minutesOf(slot.time) - wanted);
      free = [...free].sort((a, b) => distance(a) - distance(b) || b.time.localeCompare(a.time)).slice(0, count);
      free.sort((a, b) => a.time.localeCompare(b.time));
    }
    found.push(...free.slice(0, count - found.length));
  }
  return found;
}

/** Local start of a UTC window of local dates, for fetching the busy appointments around them. */
export function windowOf(rules: BookingRules, from: string, to: string): { start: Date; end: Date } {
  // A day's slots lie within [from 00:00 − 14 h, to 24:00 + 14 h] in any zone; a wide margin is cheap.
  return { start: new Date(Date.parse(`${from}T00:00:00Z`) - 26 * 3600_000), end: new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) + 26 * 3600_000) };
}
