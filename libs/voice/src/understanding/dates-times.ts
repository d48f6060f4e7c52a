import * as chrono from 'chrono-node';
import { WEEKDAY_ALTERNATION } from './calendar-names';
import { isUsable, lastClock, lastDate } from './chrono-results';
import { bareClock, numberIsTime } from './clock-reading';
import { dropNegatedValues, splitAtCorrections } from './corrections';
import { bareDayOfMonth, rewriteDaysOfMonth } from './day-of-month';
import { findDayPart } from './day-parts';
import { addDays, formatDate, formatTime, localDateTime } from './local-clock';
import { digitiseNumberWords } from './number-words';
import { findTimeBounds } from './time-bounds';
import { markProposedTimes, rewriteTimeIdioms, stripHedges } from './time-idioms';
import { type TimeRange, type UnderstandingContext } from './understanding';

/** The date and time parts of an utterance; fields as in `Understood`. */
export interface When {
  date?: string;
  time?: string;
  approximate?: boolean;
  timeRange?: TimeRange;
}

/** How far either side of a hedged time ("around 3") the caller is happy to be. */
const HEDGE_MINUTES = 30;

/**
 * Reads dates and times from lower-case, filler-free text. chrono-node does the parsing of dates,
 * weekdays and clock times; the rules here cover what it does not (idioms, "the 5th", bare hours,
 * parts of the day, hedges, corrections) and resolve everything on the business's wall clock.
 */
export function understandWhen(lowerText: string, context: UnderstandingContext): When {
  const today = localDateTime(context.now, context.timezone);
  // chrono computes "tomorrow" and "this Friday" from the reference's local fields; giving it the
  // business's date as those fields makes every relative date land on the business's calendar. The
  // reference is the start of that day, not the current hour: otherwise chrono's forward-dating
  // would push "Friday at 4" (read as 04:00) or "March 13 at 2", said on that Friday morning, a week
  // or a year ahead before our own reading of the hour (16:00, 14:00) ever happens.
  const reference = new Date(today.year, today.month - 1, today.day);
  const prepared = dropNegatedValues(markProposedTimes(rewriteTimeIdioms(digitiseNumberWords(lowerText))));
  const todayDate = formatDate(today.year, today.month, today.day);
  const when: When = {};
  for (const rawSegment of splitAtCorrections(prepared)) {
    const { text: unhedged, hedged } = stripHedges(rawSegment);
    const segment = rewriteDaysOfMonth(unhedged, today, context);
    const part = findDayPart(segment);
    const results = chrono.casual.parse(segment, reference, { forwardDate: true }).filter(isUsable);
    const named = lastDate(results, today.year);
    let date = weeksLater(segment, named?.date ?? (context.expecting === 'date' ? bareDayOfMonth(segment, today) : undefined));
    const bounds = findTimeBounds(segment, part, context.businessHours);
    const clock = bounds ? undefined : (lastClock(results, part, context) ?? (numberIsTime(segment, context) ? bareClock(segment, part, context) : undefined));
    // "Saturday at 11", said on a Saturday afternoon, is next Saturday; an explicit date stays as said.
    if (named?.weekdayOnly && clock !== undefined && date === todayDate && clock <= today.hour * 60 + today.minute) date = addDays(date, 7);

    if (date) when.date = date;
    else if (part?.today) when.date = todayDate;
    if (clock !== undefined) {
      when.time = formatTime(clock);
      when.approximate = hedged || undefined;
      when.timeRange = hedged ? hedgedRange(clock) : undefined;
    } else if (bounds ?? part) {
      when.timeRange = bounds ?? part?.range;
      when.time = undefined;
      when.approximate = undefined;
    }
  }
  return withoutEmptyFields(when);
}

/** "2 weeks from Monday", "a week after the 5th": chrono reads the day; the weeks are added here. */
const WEEKS_FROM = /\b(a|\d{1,2}) weeks? (?:from|after)\b/;
/** "Friday after next": a week after the coming Friday. */
const AFTER_NEXT = new RegExp(`\\b(?:${WEEKDAY_ALTERNATION}) after next\\b`);

function weeksLater(segment: string, date: string | undefined): string | undefined {
  if (!date) return date;
  const weeks = WEEKS_FROM.exec(segment);
  if (weeks) return addDays(date, 7 * (weeks[1] === 'a' ? 1 : Number(weeks[1])));
  return AFTER_NEXT.test(segment) ? addDays(date, 7) : date;
}

function hedgedRange(clock: number): TimeRange {
  const from = Math.max(0, clock - HEDGE_MINUTES);
  const to = Math.min(24 * 60 - 1, clock + HEDGE_MINUTES);
  return { from: formatTime(from), to: formatTime(to) };
}

function withoutEmptyFields(when: When): When {
  const result: When = {};
  if (when.date) result.date = when.date;
  if (when.time) result.time = when.time;
  if (when.approximate) result.approximate = true;
  if (when.timeRange) result.timeRange = when.timeRange;
  return result;
}
