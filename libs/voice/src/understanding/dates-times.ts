import * as chrono from 'chrono-node';
import { resolveBareHour } from './business-hours';
import { dropNegatedValues, splitAtCorrections } from './corrections';
import { resolveDayOfMonth } from './day-of-month';
import { type DayPart, findDayPart } from './day-parts';
import { addDays, formatDate, formatTime, type LocalDateTime, localDateTime } from './local-clock';
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

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH_ALTERNATION = MONTHS.join('|');
const WEEKDAY_ALTERNATION = WEEKDAYS.join('|');

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
    const named = lastDate(results);
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

/**
 * Whether a lone number is a time: yes when a time was asked for; to a yes/no question only when the
 * number is (nearly) all that was said ("no, 4", "4 instead"), so "yes, 1 more question" is not 13:00.
 */
function numberIsTime(segment: string, context: UnderstandingContext): boolean {
  if (context.expecting === 'time' || context.expecting === 'datetime') return true;
  if (context.expecting !== 'confirmation') return false;
  const bare = segment.replace(/^[\s,.;!?-]+|[\s,.;!?-]+$/g, '');
  return /^(?:at )?\d{1,2}(?::\d{2})?(?: (?:then|instead|please|works|would work|is better|would be better))?$/.test(bare);
}

/** Abbreviations chrono takes as weekdays ("I sat down") are not how speech-to-text writes days. */
const WEEKDAY_ABBREVIATION = /^(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.?$/;
/** Durations and "now" are not appointment times ("in 10 minutes", "a quarter", "next week"). */
const DURATION = /\b(?:now|minutes?|mins?|hours?|hrs?|seconds?|secs?|quarter|ago|later|weeks?|months?|years?|fortnight|days?)\b/;
/** …except a count of days ahead ("in 2 days") and "the day after tomorrow", which name one date. */
const DAYS_AHEAD = /^(?:in \d+ days?|the day after tomorrow)$/;

function isUsable(result: chrono.ParsedResult): boolean {
  const text = result.text.trim().replace(/[,.]$/, '');
  if (WEEKDAY_ABBREVIATION.test(text)) return false;
  const start = result.start;
  if (DURATION.test(text) && !DAYS_AHEAD.test(text) && !(start.isCertain('weekday') && !/\bdays?\b/.test(text))) return false;
  return start.isCertain('day') || start.isCertain('weekday') || start.isCertain('hour');
}

/** The last date named; `weekdayOnly` when it was a weekday without a day of the month ("Friday"). */
function lastDate(results: chrono.ParsedResult[]): { date: string; weekdayOnly: boolean } | undefined {
  for (const result of [...results].reverse()) {
    const start = result.start;
    if (start.isCertain('day') || start.isCertain('weekday')) {
      const date = formatDate(start.get('year') as number, start.get('month') as number, start.get('day') as number);
      return { date, weekdayOnly: !start.isCertain('day') };
    }
  }
  return undefined;
}

function lastClock(results: chrono.ParsedResult[], part: DayPart | undefined, context: UnderstandingContext): number | undefined {
  for (const result of [...results].reverse()) {
    const start = result.start;
    if (!start.isCertain('hour')) continue;
    return clockMinutes(start.get('hour') as number, start.get('minute') ?? 0, start.isCertain('meridiem'), part, context);
  }
  return undefined;
}

/** Minutes after midnight for an hour as said: explicit 24 h or a.m./p.m. stands; else day part, else business hours. */
function clockMinutes(hour: number, minute: number, meridiemSaid: boolean, part: DayPart | undefined, context: UnderstandingContext): number {
  if (hour === 0 || hour > 12 || meridiemSaid) return hour * 60 + minute;
  if (part) return ((hour % 12) + (part.meridiem === 'pm' ? 12 : 0)) * 60 + minute;
  return resolveBareHour(hour, minute, context.businessHours);
}

/** A number that counts something ("2 people", "one day") is neither a day nor a time. */
const COUNT_AFTER = String.raw`(?!\s*(?:days?|weeks?|months?|years?|minutes?|mins?|hours?|hrs?|people|persons?|of us|of them|times?|kids|children)\b)`;
/** A lone number when a time was asked for: "2", "2:30", "14:00". */
const BARE_NUMBER = new RegExp(String.raw`(?:^|[^\d:/])(\d{1,2})(?::(\d{2}))?(?![\d:/])(?!\s*(?:st|nd|rd|th)\b)${COUNT_AFTER}`, 'g');
/** A lone day number when a date was asked for: "5", "the 5th", "21st". */
const BARE_DAY = new RegExp(String.raw`(?:^|[^\d:/])(\d{1,2})(?:st|nd|rd|th)?(?![\d:/])${COUNT_AFTER}`, 'g');

function bareClock(segment: string, part: DayPart | undefined, context: UnderstandingContext): number | undefined {
  const matches = [...segment.matchAll(BARE_NUMBER)];
  const last = matches[matches.length - 1];
  if (!last) return undefined;
  const hour = Number(last[1]);
  const minute = Number(last[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return clockMinutes(hour, minute, false, part, context);
}

function bareDayOfMonth(segment: string, today: LocalDateTime): string | undefined {
  const matches = [...segment.matchAll(BARE_DAY)];
  const last = matches[matches.length - 1];
  return last ? resolveDayOfMonth(today, Number(last[1])) : undefined;
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
function rewriteDaysOfMonth(segment: string, today: LocalDateTime, context: UnderstandingContext): string {
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
