import { toLocal, fromLocal, addDays } from '../availability/zoned-time';

const DAY_MS = 86_400_000;
const MIN_LEAD_MS = 2 * 3600_000;
/** No text between 21:00 and 08:00 in the client's zone. */
export const QUIET_FROM_MINUTES = 21 * 60;
export const QUIET_UNTIL_MINUTES = 8 * 60;

/** Moves an instant out of quiet hours, to 08:00 local the same or the next morning. */
export function outsideQuietHours(at: Date, timeZone: string): Date {
  const local = toLocal(at, timeZone);
  if (local.minutes >= QUIET_UNTIL_MINUTES && local.minutes < QUIET_FROM_MINUTES) return at;
  const morning = local.minutes < QUIET_UNTIL_MINUTES ? local.date : addDays(local.date, 1);
  return fromLocal(morning, '08:00', timeZone) ?? at;
}

/**
 * When to remind a customer: 24 h before, or right away if the booking is already under 24 h but
 * more than 2 h ahead; never in quiet hours; null when no reminder makes sense.
 */
export function reminderTime(startsAt: Date, now: Date, timeZone: string): Date | null {
  const lead = startsAt.getTime() - now.getTime();
  if (lead <= MIN_LEAD_MS) return null;
  const planned = lead >= DAY_MS ? new Date(startsAt.getTime() - DAY_MS) : now;
  const at = outsideQuietHours(planned, timeZone);
  return at.getTime() < startsAt.getTime() - 30 * 60_000 ? at : null;
}
