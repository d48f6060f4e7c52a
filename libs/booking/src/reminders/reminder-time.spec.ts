import { outsideQuietHours, reminderTime } from './reminder-time';

const NY = 'America/New_York';

describe('reminder timing', () => {
  it('reminds 24 hours before', () => {
    expect(reminderTime(new Date('2026-06-10T15:00:00Z'), new Date('2026-06-01T12:00:00Z'), NY)).toEqual(new Date('2026-06-09T15:00:00Z'));
  });

  it('reminds at once when booked less than 24 h but more than 2 h ahead', () => {
    const now = new Date('2026-06-10T13:00:00Z'); // 09:00 New York
    expect(reminderTime(new Date('2026-06-10T20:00:00Z'), now, NY)).toEqual(now);
  });

  it('does not remind when the appointment is 2 h away or less', () => {
    expect(reminderTime(new Date('2026-06-10T15:00:00Z'), new Date('2026-06-10T13:00:00Z'), NY)).toBeNull();
  });

  it('moves a reminder out of quiet hours to 08:00 local', () => {
    // 24 h before a 07:30 appointment is 07:30 — quiet: 08:00 that morning.
    expect(reminderTime(new Date('2026-06-10T11:30:00Z'), new Date('2026-06-01T00:00:00Z'), NY)).toEqual(new Date('2026-06-09T12:00:00Z'));
    // 22:00 local → 08:00 the next morning.
    expect(outsideQuietHours(new Date('2026-06-10T02:00:00Z'), NY)).toEqual(new Date('2026-06-10T12:00:00Z'));
    // 20:59 is still fine.
    expect(outsideQuietHours(new Date('2026-06-10T00:59:00Z'), NY)).toEqual(new Date('2026-06-10T00:59:00Z'));
  });

  it('skips a reminder that quiet hours would push to within 30 minutes of the appointment', () => {
    // Booked at 23:00 for 08:15 the next morning: 08:00 is too close.
    expect(reminderTime(new Date('2026-06-10T12:15:00Z'), new Date('2026-06-10T03:00:00Z'), NY)).toBeNull();
  });
});
