import { formatBusinessDays, parseBusinessDays } from './business-days';
import { isIanaTimeZone, minutesOfDay } from './time-zone';

describe('business days', () => {
  it.each([
    ['Mon-Fri', [1, 2, 3, 4, 5], 'Mon-Fri'],
    ['mon-sat', [1, 2, 3, 4, 5, 6], 'Mon-Sat'],
    ['Mon,Wed,Fri', [1, 3, 5], 'Mon,Wed,Fri'],
    ['TUE-SAT', [2, 3, 4, 5, 6], 'Tue-Sat'],
    ['Monday-Wednesday,Friday', [1, 2, 3, 5], 'Mon-Wed,Fri'],
    ['Fri-Mon', [0, 1, 5, 6], 'Mon,Fri-Sun'],
    ['Mon,Tue,Wed,Thu,Fri', [1, 2, 3, 4, 5], 'Mon-Fri'],
  ])('reads %s', (text, days, canonical) => {
    const parsed = parseBusinessDays(text)!;
    expect([...parsed].sort()).toEqual(days);
    expect(formatBusinessDays(parsed)).toBe(canonical);
  });

  it.each(['', 'Weekdays', 'Mon-', 'Mon-Tue-Wed', 'Mo-Fr', 'Monx', "Mon'; DROP TABLE clients;--"])('refuses %p', (text) => {
    expect(parseBusinessDays(text)).toBeNull();
  });
});

describe('time zones and clock times', () => {
  it('accepts IANA zones and refuses others', () => {
    expect(isIanaTimeZone('America/New_York')).toBe(true);
    expect(isIanaTimeZone('Pacific/Auckland')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isIanaTimeZone('EST5EDT; DROP TABLE')).toBe(false);
    expect(isIanaTimeZone(42)).toBe(false);
  });

  it('reads HH:MM', () => {
    expect(minutesOfDay('09:30')).toBe(570);
    expect(minutesOfDay('17:00:00')).toBe(1020);
    expect(minutesOfDay('24:00')).toBeNull();
    expect(minutesOfDay('9:30')).toBeNull();
  });
});
