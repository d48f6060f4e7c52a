import { resolveBareHour } from './business-hours';
import { type DayPart } from './day-parts';
import { NOT_A_COUNT } from './number-words';
import { type UnderstandingContext } from './understanding';

/**
 * An hour as said, to minutes after midnight: an explicit 24-hour time or a.m./p.m. stands; else the
 * part of the day said with it ("at 8 in the evening"); else business hours decide ("at 2" → 14:00).
 */
export function clockMinutes(hour: number, minute: number, meridiemSaid: boolean, part: DayPart | undefined, context: UnderstandingContext): number {
  if (hour === 0 || hour > 12 || meridiemSaid) return hour * 60 + minute;
  if (part) return ((hour % 12) + (part.meridiem === 'pm' ? 12 : 0)) * 60 + minute;
  return resolveBareHour(hour, minute, context.businessHours);
}

/**
 * Whether a lone number is a time: yes when a time was asked for; to a yes/no question only when the
 * number is (nearly) all that was said ("no, 4", "4 instead"), so "yes, 1 more question" is not 13:00.
 */
export function numberIsTime(segment: string, context: UnderstandingContext): boolean {
  if (context.expecting === 'time' || context.expecting === 'datetime') return true;
  if (context.expecting !== 'confirmation') return false;
  const bare = segment.replace(/^[\s,.;!?-]+|[\s,.;!?-]+$/g, '');
  return /^(?:at )?\d{1,2}(?::\d{2})?(?: (?:then|instead|please|works|would work|is better|would be better))?$/.test(bare);
}

/** A lone number: "2", "2:30", "14:00" (not "2nd", not "2 people"). */
const BARE_NUMBER = new RegExp(String.raw`(?:^|[^\d:/])(\d{1,2})(?::(\d{2}))?(?![\d:/])(?!\s*(?:st|nd|rd|th)\b)${NOT_A_COUNT}`, 'g');

/** The last lone number in the segment read as a clock time. */
export function bareClock(segment: string, part: DayPart | undefined, context: UnderstandingContext): number | undefined {
  const matches = [...segment.matchAll(BARE_NUMBER)];
  const last = matches[matches.length - 1];
  if (!last) return undefined;
  const hour = Number(last[1]);
  const minute = Number(last[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return clockMinutes(hour, minute, false, part, context);
}
