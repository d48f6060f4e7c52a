import { daysInMonth, formatDate, type LocalDateTime, weekdayOf } from './local-clock';

/**
 * "The 5th" (no month) is the next 5th from today, this month if it has not passed. "Friday the 5th"
 * is the next 5th that falls on a Friday (within a year), else simply the next 5th.
 */
export function resolveDayOfMonth(today: LocalDateTime, day: number, weekday?: number): string | undefined {
  if (day < 1 || day > 31) return undefined;
  const candidates: Array<{ year: number; month: number }> = [];
  for (let offset = 0; offset <= 12; offset += 1) {
    const monthIndex = today.month - 1 + offset;
    const year = today.year + Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    if (day > daysInMonth(year, month)) continue;
    if (offset === 0 && day < today.day) continue;
    candidates.push({ year, month });
  }
  const matching = weekday === undefined ? undefined : candidates.find(({ year, month }) => weekdayOf(year, month, day) === weekday);
  const chosen = matching ?? candidates[0];
  return chosen ? formatDate(chosen.year, chosen.month, day) : undefined;
}
