import { addDays, daysBetween, isCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it.each(['2026-02-30', '2026-13-45', '0000-00-00', '2026-1-5', '10000-01-01', '+010000-01-01', '9999-12-31', '1969-12-31', '2100-01-01', '', ' 2026-06-01'])(
    'refuses %p as an accepted date',
    (value) => expect(isCalendarDate(value)).toBe(false),
  );

  it.each(['1970-01-01', '2024-02-29', '2026-06-08', '2099-12-31'])('accepts %p', (value) => expect(isCalendarDate(value)).toBe(true));

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses what it cannot represent instead of producing a string that sorts before its input', () => {
    // The old helper turned this into '+010000-01-01', which is < '9999-12-31', and a date loop never ended.
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-06-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2026-06-01', 1e308)).toThrow(RangeError);
  });

  it('counts the days between two dates', () => {
    expect(daysBetween('2026-06-01', '2026-06-30')).toBe(29);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-06-30', '2026-06-01')).toBe(-29);
  });
});
