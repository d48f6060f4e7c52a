import { MONTH_ALTERNATION, WEEKDAY_ALTERNATION } from './calendar-names';

/**
 * Spoken numbers as speech-to-text writes them ("two thirty", "the twenty-first", "eleven o'clock")
 * turned into digits, so the date and time rules (and chrono-node) see "2 30", "the 21st", "11 o'clock".
 */

export const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};

export const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const ORDINAL_UNITS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

export function ordinalSuffix(value: number): string {
  if (value % 100 >= 11 && value % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
}

const unitWords = Object.keys(UNITS).join('|');
const tensWords = Object.keys(TENS).join('|');
const ordinalWords = Object.keys(ORDINAL_UNITS).join('|');

/** "twenty-one", "thirty five", "forty" → 21, 35, 40 */
const cardinalPattern = new RegExp(`\\b(?:(${tensWords})(?:[\\s-]+(${unitWords}))?|(${unitWords}))\\b`, 'g');

/** "twenty-first", "thirty first", "fifth" */
const ordinalPattern = new RegExp(`\\b(?:(twenty|thirty)[\\s-]+)?(${ordinalWords})\\b`, 'g');

/**
 * Ordinals become "21st" only where they name a day ("the fifth", "December third", "Friday the
 * second", "the first of May"): elsewhere "first thing" and "a second" are not dates.
 */
const ordinalDateContext = new RegExp(`(?:\\b(?:the|${MONTH_ALTERNATION}|${WEEKDAY_ALTERNATION})\\s+)$`);
const ordinalAfterContext = /^\s+of\b/;

/** Replace number words in lower-case text with digits. */
export function digitiseNumberWords(text: string): string {
  const withOrdinals = text.replace(ordinalPattern, (match, tens: string | undefined, ordinal: string, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 12), offset);
    const after = whole.slice(offset + match.length, offset + match.length + 4);
    if (!ordinalDateContext.test(before) && !ordinalAfterContext.test(after)) return match;
    const value = (tens ? TENS[tens] : 0) + ORDINAL_UNITS[ordinal];
    return `${value}${ordinalSuffix(value)}`;
  });
  return withOrdinals.replace(cardinalPattern, (_match, tens: string | undefined, unitAfterTens: string | undefined, unit: string | undefined) => {
    if (tens) return String(TENS[tens] + (unitAfterTens ? UNITS[unitAfterTens] : 0));
    return String(UNITS[unit as string]);
  });
}

/** A number that counts something ("2 people", "one day", "3 hours") is neither a day nor a time. */
export const NOT_A_COUNT = String.raw`(?!\s*(?:days?|weeks?|months?|years?|minutes?|mins?|hours?|hrs?|people|persons?|of us|of them|times?|kids|children)\b)`;
