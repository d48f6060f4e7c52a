import { type TimeRange } from './understanding';

/**
 * Parts of the day ("tomorrow morning", "in the afternoon", "tonight"). With a clock time they only
 * say which half of the day it is ("at 8 in the evening" → 20:00); alone they become a range.
 */
export interface DayPart {
  range: TimeRange;
  /** Which half of the day a bare hour in the same breath belongs to. */
  meridiem: 'am' | 'pm';
  /** "this morning", "tonight": the date is today. */
  today: boolean;
}

const PARTS: Array<{ pattern: RegExp; range: TimeRange; meridiem: 'am' | 'pm' }> = [
  { pattern: /\bearly (?:in the )?morning\b/, range: { from: '06:00', to: '09:00' }, meridiem: 'am' },
  { pattern: /\blate (?:in the )?morning\b/, range: { from: '10:00', to: '12:00' }, meridiem: 'am' },
  { pattern: /\bmornings?\b|\b(?:a\.m\.|am) sometime\b/, range: { from: '06:00', to: '12:00' }, meridiem: 'am' },
  { pattern: /\bearly (?:in the )?afternoon\b/, range: { from: '12:00', to: '15:00' }, meridiem: 'pm' },
  { pattern: /\blate (?:in the )?afternoon\b/, range: { from: '15:00', to: '18:00' }, meridiem: 'pm' },
  { pattern: /\bafternoons?\b/, range: { from: '12:00', to: '17:00' }, meridiem: 'pm' },
  { pattern: /\bbefore lunch\b/, range: { from: '09:00', to: '12:00' }, meridiem: 'am' },
  { pattern: /\bafter lunch\b/, range: { from: '13:00', to: '17:00' }, meridiem: 'pm' },
  { pattern: /\b(?:lunch ?time|lunch|over lunch)\b/, range: { from: '12:00', to: '14:00' }, meridiem: 'pm' },
  { pattern: /\bafter work\b/, range: { from: '17:00', to: '20:00' }, meridiem: 'pm' },
  { pattern: /\bevenings?\b|\btonight\b|\bnight\b/, range: { from: '17:00', to: '21:00' }, meridiem: 'pm' },
];

const TODAY = /\bthis (?:morning|afternoon|evening)\b|\btonight\b/;

export function findDayPart(segment: string): DayPart | undefined {
  for (const part of PARTS) {
    if (part.pattern.test(segment)) {
      return { range: part.range, meridiem: part.meridiem, today: TODAY.test(segment) };
    }
  }
  return undefined;
}
