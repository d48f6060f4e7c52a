import type * as chrono from 'chrono-node';
import { clockMinutes } from './clock-reading';
import { type DayPart } from './day-parts';
import { formatDate } from './local-clock';
import { type UnderstandingContext } from './understanding';

/**
 * What we take from chrono-node's results: only what the caller actually said (chrono's "certain"
 * components), never what it implied, and never durations or "now".
 */

/** Abbreviations chrono takes as weekdays ("I sat down") are not how speech-to-text writes days. */
const WEEKDAY_ABBREVIATION = /^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.?$/;
/** Durations and "now" are not appointment times ("in 10 minutes", "a quarter", "next week"). */
const DURATION = /\b(?:now|minutes?|mins?|hours?|hrs?|seconds?|secs?|quarter|ago|later|weeks?|months?|years?|fortnight|days?)\b/;
/** …except a count of days ahead ("in 2 days") and "the day after tomorrow", which name one date. */
const DAYS_AHEAD = /^(?:in \d+ days?|the day after tomorrow)$/;

export function isUsable(result: chrono.ParsedResult): boolean {
  const text = result.text.trim().replace(/[,.]$/, '');
  if (WEEKDAY_ABBREVIATION.test(text)) return false;
  const start = result.start;
  if (DURATION.test(text) && !DAYS_AHEAD.test(text) && !(start.isCertain('weekday') && !/\bdays?\b/.test(text))) return false;
  return start.isCertain('day') || start.isCertain('weekday') || start.isCertain('hour');
}

/** Years a caller can mean: chrono reads stray numbers as years ("3 march 9" → year 9). */
const YEARS_BACK = 1;
const YEARS_AHEAD = 10;

/** The last date named; `weekdayOnly` when it was a weekday without a day of the month ("Friday"). */
export function lastDate(results: chrono.ParsedResult[], currentYear: number): { date: string; weekdayOnly: boolean } | undefined {
  for (const result of [...results].reverse()) {
    const start = result.start;
    const year = start.get('year') as number;
    if (year < currentYear - YEARS_BACK || year > currentYear + YEARS_AHEAD) continue;
    if (start.isCertain('day') || start.isCertain('weekday')) {
      const date = formatDate(year, start.get('month') as number, start.get('day') as number);
      return { date, weekdayOnly: !start.isCertain('day') };
    }
  }
  return undefined;
}

/** The last clock time said, in minutes after midnight. */
export function lastClock(results: chrono.ParsedResult[], part: DayPart | undefined, context: UnderstandingContext): number | undefined {
  for (const result of [...results].reverse()) {
    const start = result.start;
    if (!start.isCertain('hour')) continue;
    return clockMinutes(start.get('hour') as number, start.get('minute') ?? 0, start.isCertain('meridiem'), part, context);
  }
  return undefined;
}
