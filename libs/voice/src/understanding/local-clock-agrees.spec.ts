// Relative import of one file, not @ringlypro/booking: the package index would load booking's
// entities and Nest module into this leaf's tests (the reason local-clock keeps its own copy).
import { toLocal } from '../../../booking/src/availability/zoned-time';
import { addDays as coreAddDays } from '../../../core/src/time/calendar-date';
import { addDays, localDateTime } from './local-clock';

/**
 * The understanding keeps its own copy of the wall-clock reading (see local-clock.ts). This proves the
 * copy and booking's `toLocal` read every instant the same way — across DST changes both ways, in
 * zones with half-hour and 45-minute offsets, and either side of the date line — so "tomorrow at 9"
 * means the same day to Rachel and to the booking rules.
 */
describe('local-clock agrees with booking and core', () => {
  const zones = ['America/New_York', 'America/Los_Angeles', 'America/St_Johns', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];

  it.each(zones)('reads the same local date, time and weekday as booking in %s every 37 minutes through 2026', (zone) => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const end = Date.parse('2027-01-01T00:00:00Z');
    for (let t = start; t < end; t += 37 * 60_000) {
      const instant = new Date(t);
      const mine = localDateTime(instant, zone);
      const theirs = toLocal(instant, zone);
      const mineText = `${mine.year}-${String(mine.month).padStart(2, '0')}-${String(mine.day).padStart(2, '0')} ${String(mine.hour).padStart(2, '0')}:${String(mine.minute).padStart(2, '0')} ${mine.weekday}`;
      const theirsText = `${theirs.date} ${theirs.time} ${theirs.weekday}`;
      if (mineText !== theirsText) expect([instant.toISOString(), mineText]).toEqual([instant.toISOString(), theirsText]);
    }
  });

  it('adds days to a local date as core does, across month, year and leap-day edges', () => {
    for (const date of ['2026-01-31', '2026-02-28', '2028-02-28', '2026-12-31', '2026-03-08', '2026-11-01']) {
      for (const days of [-400, -1, 0, 1, 2, 30, 366]) expect([date, days, addDays(date, days)]).toEqual([date, days, coreAddDays(date, days)]);
    }
  });
});
