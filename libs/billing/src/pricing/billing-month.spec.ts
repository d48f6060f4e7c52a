import { isResetDue, localDateOf, monthStartDate, nextResetDate } from './billing-month';

describe("the billing month, in the business's timezone", () => {
  const NY = 'America/New_York';

  it('resets at local midnight of the 1st, not UTC midnight', () => {
    // 2026-11-01T03:30Z is still 23:30 on Oct 31 in New York (EDT, UTC-4).
    expect(isResetDue('2026-11-01', new Date('2026-11-01T03:30:00Z'), NY)).toBe(false);
    expect(isResetDue('2026-11-01', new Date('2026-11-01T04:00:00Z'), NY)).toBe(true);
    expect(nextResetDate(new Date('2026-11-01T03:30:00Z'), NY)).toBe('2026-11-01');
    expect(nextResetDate(new Date('2026-11-01T04:00:00Z'), NY)).toBe('2026-12-01');
  });

  it('a month that starts in EDT and ends in EST (DST ends Nov 1 2026) is one month', () => {
    // November's local midnight is 04:00Z (EDT) on the 1st; December's is 05:00Z (EST).
    expect(monthStartDate(new Date('2026-11-01T04:00:00Z'), NY)).toBe('2026-11-01');
    expect(monthStartDate(new Date('2026-12-01T04:59:59Z'), NY)).toBe('2026-11-01');
    expect(isResetDue('2026-12-01', new Date('2026-12-01T04:59:59Z'), NY)).toBe(false);
    expect(isResetDue('2026-12-01', new Date('2026-12-01T05:00:00Z'), NY)).toBe(true);
  });

  it('a southern-hemisphere month that starts in standard time and ends in summer time (Sydney, Oct 2026)', () => {
    // Australia/Sydney: DST ends Sun 5 Apr 2026 and starts Sun 4 Oct 2026; 1 Oct is AEST (UTC+10), 1 Nov is AEDT (UTC+11).
    const SYD = 'Australia/Sydney';
    expect(localDateOf(new Date('2026-10-31T12:59:59Z'), SYD)).toBe('2026-10-31');
    expect(isResetDue('2026-11-01', new Date('2026-10-31T12:59:59Z'), SYD)).toBe(false);
    expect(isResetDue('2026-11-01', new Date('2026-10-31T13:00:00Z'), SYD)).toBe(true);
  });

  it('a day whose local midnight does not exist still starts at its first instant (America/Santiago, 8 Sep 2024)', () => {
    // Chile sprang forward from 24:00 on 7 Sep 2024 straight to 01:00 on the 8th. The rule compares local
    // dates, so the first instant of the 8th (04:00Z) is already the 8th although 00:00 never happened.
    expect(isResetDue('2024-09-08', new Date('2024-09-08T04:00:00Z'), 'America/Santiago')).toBe(true);
    expect(localDateOf(new Date('2024-09-08T03:59:59Z'), 'America/Santiago')).toBe('2024-09-07');
  });

  it('the year rolls over', () => {
    expect(nextResetDate(new Date('2026-12-31T12:00:00Z'), NY)).toBe('2027-01-01');
    expect(nextResetDate(new Date('2027-01-01T02:00:00Z'), 'Pacific/Auckland')).toBe('2027-02-01');
  });
});
