import { type Understood } from './understanding';
import { understand } from './understanding-test-kit';

/**
 * Dates resolve on the business's wall clock, computed with Intl from the instant: the machine's
 * own zone and the UTC date must never leak in. Each row stands on a daylight-saving change or on an
 * instant whose UTC date differs from the business's date.
 */
interface Row {
  zone: string;
  /** UTC instant of the utterance */
  now: string;
  /** the business's local wall clock at that instant, for the reader */
  local: string;
  utterance: string;
  expected: Partial<Understood>;
}

const rows: Row[] = [
  // New York: clocks go forward at 02:00 on Sunday 8 March 2026.
  { zone: 'America/New_York', now: '2026-03-07T20:00:00Z', local: 'Sat 7 Mar 15:00 EST', utterance: 'tomorrow at 2', expected: { date: '2026-03-08', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-03-08T04:30:00Z', local: 'Sat 7 Mar 23:30 EST', utterance: 'tomorrow at 2', expected: { date: '2026-03-08', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-03-08T06:30:00Z', local: 'Sun 8 Mar 01:30 EST', utterance: 'today at 2', expected: { date: '2026-03-08', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-03-08T07:30:00Z', local: 'Sun 8 Mar 03:30 EDT', utterance: 'tomorrow at 2', expected: { date: '2026-03-09', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-03-08T04:30:00Z', local: 'Sat 7 Mar 23:30 EST', utterance: 'this Monday at 9:30 am', expected: { date: '2026-03-09', time: '09:30' } },
  // New York: clocks go back at 02:00 on Sunday 1 November 2026.
  { zone: 'America/New_York', now: '2026-10-31T14:00:00Z', local: 'Sat 31 Oct 10:00 EDT', utterance: 'tomorrow at 2', expected: { date: '2026-11-01', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-11-01T03:30:00Z', local: 'Sat 31 Oct 23:30 EDT', utterance: 'tomorrow at 2', expected: { date: '2026-11-01', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-11-01T05:30:00Z', local: 'Sun 1 Nov 01:30 EDT', utterance: 'tomorrow at 2', expected: { date: '2026-11-02', time: '14:00' } },
  { zone: 'America/New_York', now: '2026-11-01T06:30:00Z', local: 'Sun 1 Nov 01:30 EST', utterance: 'the day after tomorrow in the morning', expected: { date: '2026-11-03', timeRange: { from: '06:00', to: '12:00' } } },
  // London: no change on 7 March or 31 October 2026, but the zone is not the machine's.
  { zone: 'Europe/London', now: '2026-03-07T23:30:00Z', local: 'Sat 7 Mar 23:30 GMT', utterance: 'tomorrow at 2', expected: { date: '2026-03-08', time: '14:00' } },
  { zone: 'Europe/London', now: '2026-10-31T10:00:00Z', local: 'Sat 31 Oct 10:00 GMT', utterance: 'tomorrow at 2', expected: { date: '2026-11-01', time: '14:00' } },
  // London: clocks go forward at 01:00 UTC on Sunday 29 March 2026 and back on Sunday 25 October.
  { zone: 'Europe/London', now: '2026-03-28T23:30:00Z', local: 'Sat 28 Mar 23:30 GMT', utterance: 'tomorrow at 2', expected: { date: '2026-03-29', time: '14:00' } },
  { zone: 'Europe/London', now: '2026-03-29T23:30:00Z', local: 'Mon 30 Mar 00:30 BST', utterance: 'today at 2', expected: { date: '2026-03-30', time: '14:00' } },
  { zone: 'Europe/London', now: '2026-03-29T23:30:00Z', local: 'Mon 30 Mar 00:30 BST', utterance: 'tomorrow at 2', expected: { date: '2026-03-31', time: '14:00' } },
  { zone: 'Europe/London', now: '2026-10-24T23:30:00Z', local: 'Sun 25 Oct 00:30 BST', utterance: 'this Friday at a quarter past 11', expected: { date: '2026-10-30', time: '11:15' } },
  // Sydney: clocks go back at 03:00 on Sunday 5 April 2026 and forward at 02:00 on Sunday 4 October.
  { zone: 'Australia/Sydney', now: '2026-04-04T13:30:00Z', local: 'Sun 5 Apr 00:30 AEDT', utterance: 'today at 2', expected: { date: '2026-04-05', time: '14:00' } },
  { zone: 'Australia/Sydney', now: '2026-04-04T13:30:00Z', local: 'Sun 5 Apr 00:30 AEDT', utterance: 'tomorrow at 2', expected: { date: '2026-04-06', time: '14:00' } },
  { zone: 'Australia/Sydney', now: '2026-04-04T17:30:00Z', local: 'Sun 5 Apr 03:30 AEST', utterance: 'next Tuesday around 3', expected: { date: '2026-04-07', time: '15:00', approximate: true } },
  { zone: 'Australia/Sydney', now: '2026-10-03T15:30:00Z', local: 'Sun 4 Oct 02:30→03:30 AEDT', utterance: 'tomorrow morning', expected: { date: '2026-10-05', timeRange: { from: '06:00', to: '12:00' } } },
  { zone: 'Australia/Sydney', now: '2026-10-03T12:00:00Z', local: 'Sat 3 Oct 22:00 AEST', utterance: 'the 5th at half past two', expected: { date: '2026-10-05', time: '14:30' } },
  // Tokyo (no DST, UTC+9): it is already Saturday there while UTC is still on Friday.
  { zone: 'Asia/Tokyo', now: '2026-03-06T16:00:00Z', local: 'Sat 7 Mar 01:00 JST', utterance: 'this Friday', expected: { date: '2026-03-13' } },
  { zone: 'Asia/Tokyo', now: '2026-03-06T16:00:00Z', local: 'Sat 7 Mar 01:00 JST', utterance: 'today at noon', expected: { date: '2026-03-07', time: '12:00' } },
  // Kolkata (UTC+5:30, half-hour offset).
  { zone: 'Asia/Kolkata', now: '2026-12-31T19:00:00Z', local: 'Fri 1 Jan 2027 00:30 IST', utterance: 'tomorrow at 10', expected: { date: '2027-01-02', time: '10:00' } },
  // Los Angeles: still the previous day there.
  { zone: 'America/Los_Angeles', now: '2026-03-08T06:00:00Z', local: 'Sat 7 Mar 22:00 PST', utterance: 'tomorrow at 9', expected: { date: '2026-03-08', time: '09:00' } },
];

function check(row: Row): void {
  const understood = understand(row.utterance, 'datetime', { timezone: row.zone, now: new Date(row.now) });
  expect(understood).toMatchObject(row.expected);
}

describe('RuleUnderstanding: dates across time zones and daylight saving', () => {
  it.each(rows.map((row) => [`${row.zone} ${row.local}: "${row.utterance}"`, row] as const))('%s', (_label, row) => check(row));

  describe('whatever time zone the machine runs in', () => {
    const machineZone = process.env.TZ;
    afterEach(() => {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    });

    // Node re-reads TZ when it is assigned, so chrono's Date arithmetic runs in each of these zones.
    it.each(['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Australia/Lord_Howe'])('gives the same answers with TZ=%s', (zone) => {
      process.env.TZ = zone;
      for (const row of rows) check(row);
    });
  });
});
