import { parseTime } from './local-clock';

/**
 * A clock hour said without a.m./p.m. ("at 2", "3:30") is read as the one that falls in business
 * hours: "at 2" during 09:00–17:00 is 14:00, "at 10" is 10:00. When both halves are open (long hours)
 * 7–11 are mornings and 12–6 afternoons, the way people speak; when neither is, the nearer one wins so
 * the dialogue can say "we open at 9" about what was meant.
 */
export function resolveBareHour(hour: number, minute: number, businessHours: { start: string; end: string }): number {
  const open = parseTime(businessHours.start);
  const close = parseTime(businessHours.end);
  const morning = (hour % 12) * 60 + minute;
  const afternoon = morning + 12 * 60;
  const inMorning = isOpen(morning, open, close);
  const inAfternoon = isOpen(afternoon, open, close);
  if (inMorning && !inAfternoon) return morning;
  if (inAfternoon && !inMorning) return afternoon;
  if (inMorning && inAfternoon) return hour % 12 >= 7 ? morning : afternoon;
  return distanceOutside(morning, open, close) < distanceOutside(afternoon, open, close) ? morning : afternoon;
}

function isOpen(minutes: number, open: number, close: number): boolean {
  // Hours that run past midnight (close before open) wrap around.
  return close > open ? minutes >= open && minutes < close : minutes >= open || minutes < close;
}

function distanceOutside(minutes: number, open: number, close: number): number {
  return minutes < open ? open - minutes : minutes - close;
}
