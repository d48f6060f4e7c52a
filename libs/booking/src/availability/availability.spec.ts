import { type Busy, BusyTimes, evaluate, nextSlots, slotsBetween, slotsOn } from './availability';
import type { BookingRules } from './booking-rules';

const rules = (overrides: Partial<BookingRules> = {}): BookingRules => ({
  timeZone: 'America/New_York',
  openDays: new Set([1, 2, 3, 4, 5]),
  opensAt: 9 * 60,
  closesAt: 17 * 60,
  duration: 30,
  slotInterval: 30,
  minNoticeMinutes: 60,
  horizonDays: 60,
  ...overrides,
});
const times = (slots: Array<{ time: string }>) => slots.map((s) => s.time);
const busy = (start: string, minutes: number): Busy => ({ startsAt: new Date(start), endsAt: new Date(Date.parse(start) + minutes * 60_000) });
// A Sunday evening in New York, well before the week under test.
const SUNDAY_NIGHT = new Date('2026-06-07T23:00:00Z');

describe('availability: an ordinary week', () => {
  it('offers every half hour from opening to the last slot that ends by closing', () => {
    const slots = slotsOn(rules(), '2026-06-08', SUNDAY_NIGHT, []);
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ date: '2026-06-08', time: '09:00', starts_at: '2026-06-08T13:00:00.000Z', ends_at: '2026-06-08T13:30:00.000Z', duration: 30 });
    expect(slots.at(-1)!.time).toBe('16:30');
  });

  it('offers nothing on non-business days', () => {
    const week = slotsBetween(rules(), '2026-06-08', '2026-06-14', SUNDAY_NIGHT, []);
    expect([...new Set(week.map((s) => s.date))]).toEqual(['2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11', '2026-06-12']);
    expect(evaluate(rules(), '2026-06-13', '10:00', 30, SUNDAY_NIGHT, [])).toMatchObject({ ok: false, reason: 'closed-day', message: 'The business is closed on Saturdays' });
  });

  it('steps by the duration unless an interval is configured', () => {
    expect(times(slotsOn(rules({ duration: 60, slotInterval: 60 }), '2026-06-08', SUNDAY_NIGHT, [])).slice(0, 3)).toEqual(['09:00', '10:00', '11:00']);
    expect(times(slotsOn(rules({ duration: 60, slotInterval: 15 }), '2026-06-08', SUNDAY_NIGHT, [])).slice(0, 3)).toEqual(['09:00', '09:15', '09:30']);
  });

  it('refuses times outside business hours, including one that would run past closing', () => {
    expect(evaluate(rules(), '2026-06-08', '08:30', 30, SUNDAY_NIGHT, [])).toMatchObject({ ok: false, reason: 'outside-hours' });
    expect(evaluate(rules(), '2026-06-08', '16:45', 30, SUNDAY_NIGHT, [])).toMatchObject({ ok: false, reason: 'outside-hours' });
    expect(evaluate(rules(), '2026-06-08', '16:30', 30, SUNDAY_NIGHT, [])).toMatchObject({ ok: true });
  });
});

describe('availability: existing appointments', () => {
  it('removes every slot an appointment overlaps by its duration, not just its start', () => {
    // 10:00–11:00 local (EDT): the 10:00 and 10:30 slots go; 09:30–10:00 and 11:00 stay.
    const slots = slotsOn(rules(), '2026-06-08', SUNDAY_NIGHT, [busy('2026-06-08T14:00:00Z', 60)]);
    expect(times(slots).slice(0, 4)).toEqual(['09:00', '09:30', '11:00', '11:30']);
  });

  it('removes a longer slot that would run into the next appointment', () => {
    const slots = slotsOn(rules({ duration: 60, slotInterval: 30 }), '2026-06-08', SUNDAY_NIGHT, [busy('2026-06-08T14:30:00Z', 30)]);
    // 10:30–11:00 busy: 10:00–11:00 and 10:30–11:30 overlap it; 09:30–10:30 only touches it (ranges are half-open).
    expect(times(slots).slice(0, 4)).toEqual(['09:00', '09:30', '11:00', '11:30']);
  });
});

describe('availability: notice and horizon', () => {
  const now = new Date('2026-06-08T14:10:00Z'); // Monday 10:10 in New York

  it('hides the past and anything within the minimum notice', () => {
    expect(times(slotsOn(rules(), '2026-06-08', now, []))[0]).toBe('11:30');
    expect(evaluate(rules(), '2026-06-08', '09:00', 30, now, [])).toMatchObject({ ok: false, reason: 'past' });
    expect(evaluate(rules(), '2026-06-08', '11:00', 30, now, [])).toMatchObject({ ok: false, reason: 'too-soon' });
  });

  it('offers nothing beyond the booking horizon', () => {
    expect(slotsOn(rules({ horizonDays: 7 }), '2026-06-16', now, [])).toEqual([]);
    expect(slotsOn(rules({ horizonDays: 7 }), '2026-06-15', now, []).length).toBeGreaterThan(0);
    expect(evaluate(rules({ horizonDays: 7 }), '2026-06-17', '10:00', 30, now, [])).toMatchObject({ ok: false, reason: 'beyond-horizon' });
  });
});

describe('availability across daylight-saving changes', () => {
  const night = { opensAt: 0, closesAt: 5 * 60, openDays: new Set([0, 1, 2, 3, 4, 5, 6]) };

  it('New York spring forward: no 02:00 or 02:30, and the hour around it keeps real durations', () => {
    const slots = slotsOn(rules(night), '2026-03-08', new Date('2026-03-01T00:00:00Z'), []);
    expect(times(slots)).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30']);
    expect(slots.find((s) => s.time === '03:00')!.starts_at).toBe('2026-03-08T07:00:00.000Z');
    expect(evaluate(rules(night), '2026-03-08', '02:30', 30, new Date('2026-03-01T00:00:00Z'), [])).toMatchObject({ ok: false, reason: 'no-such-local-time' });
  });

  it('New York fall back: 01:30 is offered once, as the instant Postgres stores', () => {
    const slots = slotsOn(rules(night), '2026-11-01', new Date('2026-10-25T00:00:00Z'), []);
    expect(times(slots).filter((t) => t === '01:30')).toHaveLength(1);
    expect(slots.find((s) => s.time === '01:30')!.starts_at).toBe('2026-11-01T06:30:00.000Z');
  });

  it('Auckland (southern hemisphere): spring forward in September skips 02:xx; fall back in April repeats it once', () => {
    const zone = { ...night, timeZone: 'Pacific/Auckland' };
    const spring = slotsOn(rules(zone), '2026-09-27', new Date('2026-09-01T00:00:00Z'), []);
    expect(times(spring)).not.toContain('02:00');
    expect(times(spring)).not.toContain('02:30');
    const autumn = slotsOn(rules(zone), '2026-04-05', new Date('2026-03-20T00:00:00Z'), []);
    expect(times(autumn).filter((t) => t === '02:30')).toHaveLength(1);
    expect(autumn.find((s) => s.time === '02:30')!.starts_at).toBe('2026-04-04T14:30:00.000Z');
  });

  it('Sydney (southern hemisphere, other rules) also skips its spring-forward hour', () => {
    const slots = slotsOn(rules({ ...night, timeZone: 'Australia/Sydney' }), '2026-10-04', new Date('2026-09-01T00:00:00Z'), []);
    expect(times(slots)).not.toContain('02:30');
    expect(times(slots)).toContain('03:00');
  });
});

describe('availability far from UTC', () => {
  it("puts Auckland's Monday morning on Sunday evening UTC", () => {
    const slots = slotsOn(rules({ timeZone: 'Pacific/Auckland' }), '2026-06-08', new Date('2026-06-01T00:00:00Z'), []);
    // NZST is UTC+12 in June: 09:00 Monday local = 21:00 Sunday UTC.
    expect(slots[0]).toMatchObject({ date: '2026-06-08', time: '09:00', starts_at: '2026-06-07T21:00:00.000Z' });
  });

  it("honours Auckland's business days in Auckland, not in UTC", () => {
    // Saturday 2026-06-13 local is still Friday in UTC for the whole morning; it must be closed.
    expect(slotsOn(rules({ timeZone: 'Pacific/Auckland' }), '2026-06-13', new Date('2026-06-01T00:00:00Z'), [])).toEqual([]);
  });
});

describe("Rachel's next slots", () => {
  it('returns the N slots nearest a preferred local time on either side, in time order', () => {
    const slots = nextSlots(rules(), { date: '2026-06-08', time: '16:00' }, 4, SUNDAY_NIGHT, []);
    expect(slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-06-08 15:00', '2026-06-08 15:30', '2026-06-08 16:00', '2026-06-08 16:30']);
  });

  it('offers the free times either side of a taken one, nearer before later, and spills into later days', () => {
    const taken = [busy('2026-06-08T18:00:00Z', 30)]; // 14:00 in New York
    expect(nextSlots(rules(), { date: '2026-06-08', time: '14:00' }, 2, SUNDAY_NIGHT, taken).map((s) => s.time)).toEqual(['13:30', '14:30']);
    // A whole afternoon taken but 09:00: the nearest on the day is 09:00, then the next morning.
    const afternoon = [busy('2026-06-08T13:30:00Z', 8 * 60)];
    expect(nextSlots(rules(), { date: '2026-06-08', time: '15:00' }, 2, SUNDAY_NIGHT, afternoon).map((s) => `${s.date} ${s.time}`)).toEqual(['2026-06-08 09:00', '2026-06-09 09:00']);
    // No time named: the day from opening time.
    expect(nextSlots(rules(), { date: '2026-06-08' }, 2, SUNDAY_NIGHT, []).map((s) => s.time)).toEqual(['09:00', '09:30']);
  });

  it('skips a closed preferred day and a busy preferred time', () => {
    const slots = nextSlots(rules(), { date: '2026-06-13', time: '10:00' }, 1, SUNDAY_NIGHT, []);
    expect(slots[0]).toMatchObject({ date: '2026-06-15', time: '09:00' });
    const taken = nextSlots(rules(), { date: '2026-06-08', time: '10:00' }, 1, SUNDAY_NIGHT, [busy('2026-06-08T14:00:00Z', 30)]);
    expect(taken[0].time).toBe('10:30');
  });
});

describe('BusyTimes', () => {
  it('answers overlap queries like a linear scan, for disjoint and overlapping intervals alike', () => {
    const intervals: Busy[] = [busy('2026-06-08T14:00:00Z', 60), busy('2026-06-08T14:30:00Z', 120), busy('2026-06-08T20:00:00Z', 15), busy('2026-06-08T10:00:00Z', 30)];
    const index = new BusyTimes(intervals);
    for (let s = Date.parse('2026-06-08T09:00:00Z'); s < Date.parse('2026-06-08T22:00:00Z'); s += 5 * 60_000) {
      for (const len of [5, 30, 90]) {
        const e = s + len * 60_000;
        expect(index.overlaps(s, e)).toBe(intervals.some((b) => b.startsAt.getTime() < e && b.endsAt.getTime() > s));
      }
    }
  });
});

describe('availability loops are bounded by construction', () => {
  it('refuses a listing it could not finish instead of spinning', () => {
    expect(() => slotsBetween(rules(), '9999-12-01', '9999-12-31', SUNDAY_NIGHT, [])).not.toThrow();
    expect(() => slotsBetween(rules(), '2026-01-01', '2027-12-31', SUNDAY_NIGHT, [])).toThrow(RangeError);
    expect(() => slotsOn(rules({ slotInterval: 0 }), '2026-06-08', SUNDAY_NIGHT, [])).toThrow(RangeError);
  });

  it("stops Rachel's search at the horizon even from a preferred date far away", () => {
    expect(nextSlots(rules(), { date: '9999-12-30' }, 3, SUNDAY_NIGHT, [])).toEqual([]);
  });
});
