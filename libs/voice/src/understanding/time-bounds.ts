import { resolveBareHour } from './business-hours';
import { type DayPart } from './day-parts';
import { formatTime, parseTime } from './local-clock';
import { type TimeRange } from './understanding';

/**
 * Spans a caller gives instead of one time: "after 3", "before noon", "between 2 and 4", "from 10 to
 * 12", "first thing", "end of the day", "any time". Open ends run to the business's opening or closing
 * (or the part of the day said with it: "tomorrow morning before 10" starts at 06:00).
 */

const CLOCK = String.raw`(\d{1,2}(?::\d{2})?(?:\s?[ap]m)?|noon|midnight)`;
const BETWEEN = new RegExp(String.raw`\b(?:between|from)\s+(?:at\s+)?${CLOCK}\s+(?:and|to|till|til|until|-)\s+(?:at\s+)?${CLOCK}`);
const BEFORE = new RegExp(String.raw`\b(?:before|by|no later than|not later than|earlier than|until|till)\s+(?:at\s+)?${CLOCK}`);
const AFTER = new RegExp(String.raw`\b(?:after|later than|no earlier than|from)\s+(?:at\s+)?${CLOCK}(?!\s*(?:and|to|till|til|until|-)\s)|\b${CLOCK}\s+or\s+(?:later|after)\b|\b${CLOCK}\s+onwards?\b`);
const FIRST_THING = /\b(?:first thing|as early as (?:possible|you can)|earliest (?:possible|available|you have|time|appointment|slot)|when you open)\b/;
const END_OF_DAY = /\b(?:end of (?:the )?day|as late as (?:possible|you can)|latest (?:possible|available|you have|time|appointment|slot)|last (?:appointment|slot|thing)|before you close)\b/;
const ANY_TIME = /\b(?:any ?time|whenever|whatever time|any time at all|doesn't matter what time)\b/;

const LATEST = 24 * 60 - 1;
const FIRST_HOUR = 60;

interface Clock {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

/** A clock token as said, or undefined when it is no time of day ("from 31", "after 25:00"). */
function readClock(token: string): Clock | undefined {
  if (token === 'noon') return { hour: 12, minute: 0, meridiem: 'pm' };
  if (token === 'midnight') return { hour: 0, minute: 0, meridiem: 'am' };
  const match = /^(\d{1,2})(?::(\d{2}))?\s?([ap]m)?$/.exec(token) as RegExpExecArray;
  const clock = { hour: Number(match[1]), minute: Number(match[2] ?? 0), meridiem: match[3] as Clock['meridiem'] };
  if (clock.hour > 23 || clock.minute > 59 || (clock.meridiem && (clock.hour === 0 || clock.hour > 12))) return undefined;
  return clock;
}

function minutesOf(clock: Clock, fallbackMeridiem: 'am' | 'pm' | undefined, businessHours: { start: string; end: string }): number {
  if (clock.hour === 0 || clock.hour > 12) return clock.hour * 60 + clock.minute;
  const meridiem = clock.meridiem ?? fallbackMeridiem;
  if (meridiem) return ((clock.hour % 12) + (meridiem === 'pm' ? 12 : 0)) * 60 + clock.minute;
  return resolveBareHour(clock.hour, clock.minute, businessHours);
}

/** The span, or undefined when nothing is left of it ("after 23:59"). */
function range(from: number, to: number): TimeRange | undefined {
  const end = Math.min(to > from ? to : from + FIRST_HOUR, LATEST);
  return end > from ? { from: formatTime(from), to: formatTime(end) } : undefined;
}

export function findTimeBounds(segment: string, part: DayPart | undefined, businessHours: { start: string; end: string }): TimeRange | undefined {
  const open = parseTime(businessHours.start);
  const close = parseTime(businessHours.end);
  const between = BETWEEN.exec(segment);
  const first = between ? readClock(between[1]) : undefined;
  const second = between ? readClock(between[2]) : undefined;
  if (first && second) {
    // "between 2 and 4 pm": an a.m./p.m. said once covers both ends.
    const shared = first.meridiem ?? second.meridiem ?? part?.meridiem;
    const from = minutesOf(first, shared, businessHours);
    let to = minutesOf(second, second.meridiem ?? (first.meridiem ? undefined : shared), businessHours);
    if (to <= from && to + 12 * 60 <= LATEST && second.hour <= 12) to += 12 * 60;
    return range(from, to);
  }
  const beforeMatch = BEFORE.exec(segment);
  const before = beforeMatch ? readClock(beforeMatch[1]) : undefined;
  if (before) return range(part ? parseTime(part.range.from) : open, minutesOf(before, part?.meridiem, businessHours));
  const afterMatch = AFTER.exec(segment);
  const after = afterMatch ? readClock(afterMatch[1] ?? afterMatch[2] ?? afterMatch[3]) : undefined;
  if (after) {
    const from = minutesOf(after, part?.meridiem, businessHours);
    const partEnd = part ? parseTime(part.range.to) : close;
    return range(from, partEnd > from ? partEnd : LATEST);
  }
  if (FIRST_THING.test(segment)) return range(open, open + FIRST_HOUR);
  if (END_OF_DAY.test(segment)) return range(Math.max(open, close - FIRST_HOUR), close);
  if (ANY_TIME.test(segment)) return part ? part.range : range(open, close);
  return undefined;
}
