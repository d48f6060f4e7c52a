import { MONTH_ALTERNATION, MONTHS, WEEKDAY_ALTERNATION, WEEKDAYS } from './calendar-names';
import { daysInMonth, formatDate, type LocalDateTime, weekdayOf } from './local-clock';
import { NOT_A_COUNT } from './number-words';
import { type UnderstandingContext } from './understanding';

/**
 * Days given without a month. "The 5th" is the next 5th from today, this month if it has not passed.
 * "Friday the 5th" is the next 5th that falls on a Friday (within a year), else simply the next 5th.
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

const MONTH_BEFORE = `(?<!(?:${MONTH_ALTERNATION})\\s*(?:the\\s+)?)`;
const NOT_MONTH_AFTER = `(?!\\s+of\\b)(?!\\s+(?:${MONTH_ALTERNATION})\\b)`;
/** "Friday the 5th", "friday, the 5", "Friday 5th" */
const WEEKDAY_THEN_DAY = new RegExp(`\\b(${WEEKDAY_ALTERNATION})\\s*,?\\s+(?:the\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th))\\b${NOT_MONTH_AFTER}`, 'g');
/** "the 5th", "on the 12th" (a month after it is chrono's: "the 12th of January") */
const THE_DAY = new RegExp(`${MONTH_BEFORE}\\bthe\\s+(\\d{1,2})(?:st|nd|rd|th)\\b${NOT_MONTH_AFTER}`, 'g');
/** "5th", "on 5th": a bare ordinal is a day after "on" or when a date was asked for. */
const BARE_ORDINAL = new RegExp(`${MONTH_BEFORE}\\b(on\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b${NOT_MONTH_AFTER}`, 'g');

/** Rewrites days given without a month to an explicit "march 5 2026" that chrono reads exactly. */
export function rewriteDaysOfMonth(segment: string, today: LocalDateTime, context: UnderstandingContext): string {
  const explicit = (date: string | undefined, original: string): string => {
    if (!date) return original;
    const [year, month, day] = date.split('-').map(Number);
    return `${MONTHS[month - 1]} ${day} ${year}`;
  };
  const expectsDate = context.expecting === 'date' || context.expecting === 'datetime';
  return segment
    .replace(WEEKDAY_THEN_DAY, (match, weekday: string, dayAfterThe?: string, dayOrdinal?: string) =>
      explicit(resolveDayOfMonth(today, Number(dayAfterThe ?? dayOrdinal), WEEKDAYS.indexOf(weekday)), match),
    )
    .replace(THE_DAY, (match, day: string) => explicit(resolveDayOfMonth(today, Number(day)), match))
    .replace(BARE_ORDINAL, (match, on: string | undefined, day: string) =>
      on || expectsDate ? explicit(resolveDayOfMonth(today, Number(day)), match) : match,
    );
}

/** A lone day number when a date was asked for: "5", "the 5th", "21st". */
const BARE_DAY = new RegExp(String.raw`(?:^|[^\d:/])(\d{1,2})(?:st|nd|rd|th)?(?![\d:/])${NOT_A_COUNT}`, 'g');

export function bareDayOfMonth(segment: string, today: LocalDateTime): string | undefined {
  const matches = [...segment.matchAll(BARE_DAY)];
  const last = matches[matches.length - 1];
  return last ? resolveDayOfMonth(today, Number(last[1])) : undefined;
}
