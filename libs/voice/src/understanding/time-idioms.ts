/**
 * Spoken clock idioms rewritten to the digit forms chrono-node reads. Input is lower-case text whose
 * number words are already digits ("half past 2", "a quarter to 2", "11 o'clock", "2 30").
 */

function hourBefore(hour: number): number {
  return hour === 1 ? 12 : hour - 1;
}

function pad(minutes: number): string {
  return String(minutes).padStart(2, '0');
}

const REWRITES: Array<[RegExp, (...groups: string[]) => string]> = [
  // "day after tomorrow" without "the": chrono would read only "tomorrow".
  [/(?<!\bthe )\bday after tomorrow\b/g, () => 'the day after tomorrow'],
  // "a week from today/tomorrow" is a date chrono leaves as a duration.
  [/\b(?:a|1) week from (today|tomorrow)\b/g, (_m, day) => (day === 'today' ? 'in 7 days' : 'in 8 days')],
  // "midday" is noon; chrono knows "noon".
  [/\bmid-?day\b/g, () => 'noon'],
  // "half past 2", "half past two" → 2:30; British "half 2" likewise.
  [/\bhalf (?:past |after )?(\d{1,2})\b(?!:)/g, (_m, hour) => `${hour}:30`],
  // "a quarter past 11", "quarter after 11" → 11:15
  [/\b(?:a )?quarter (?:past|after) (\d{1,2})\b(?!:)/g, (_m, hour) => `${hour}:15`],
  // "a quarter to 2", "quarter till 2", "a quarter of 2" → 1:45
  [/\b(?:a )?quarter (?:to|til|till|until|before|of) (\d{1,2})\b(?!:)/g, (_m, hour) => `${hourBefore(Number(hour))}:45`],
  // "10 past 2", "20 after 3" → 2:10, 3:20 (only the round minutes people say this way)
  [/\b(5|10|20|25) (?:minutes )?(?:past|after) (\d{1,2})\b(?!:)/g, (_m, minutes, hour) => `${hour}:${pad(Number(minutes))}`],
  // "10 to 3", "5 till 4" → 2:50, 3:55
  [/\b(5|10|20|25) (?:minutes )?(?:to|til|till|before) (\d{1,2})\b(?!:)/g, (_m, minutes, hour) => `${hourBefore(Number(hour))}:${pad(60 - Number(minutes))}`],
  // "11 o'clock", "11 oclock", "11 o clock" → 11:00
  [/\b(\d{1,2}) ?o'? ?clock\b/g, (_m, hour) => `${hour}:00`],
  // "9 oh 5" (nine oh five) → 9:05
  [/\b(\d{1,2}) (?:oh|o) (\d)\b/g, (_m, hour, minute) => `${hour}:0${minute}`],
  // "2 30" (two thirty), "2-30" (two-thirty), "11 45" → 2:30, 11:45; an hour then two-digit minutes.
  [/\b(1[0-2]|0?[1-9])[ -]([0-5]\d)\b(?![:/])/g, (_m, hour, minutes) => `${hour}:${minutes}`],
  // "3pm", "3 p m", "3 p.m" → "3 pm" so every spelling reads the same.
  [/\b(\d{1,2}(?::\d{2})?) ?([ap])\.? ?m\b\.?/g, (_m, time, half) => `${time} ${half}m`],
];

export function rewriteTimeIdioms(text: string): string {
  return REWRITES.reduce((current, [pattern, replace]) => current.replace(pattern, replace as never), text);
}

/** Hedges that make a time approximate: "around 3", "about 3:30", "roughly noon", "3ish", "3 or so". */
const HEDGE_BEFORE = /\b(?:at\s+)?(?:somewhere\s+|sometime\s+|some time\s+)?(?:around|round about|about|roughly|approximately|approx|circa)\s+(?:at\s+)?(?=\d|noon\b)/g;
const HEDGE_AFTER = /\b(\d{1,2}(?::\d{2})?(?: [ap]m)?)(?:\s*-?\s*ish\b| or so\b)/g;

/** Finds hedges and strips them, leaving "at 3" so the time itself still parses. */
export function stripHedges(text: string): { text: string; hedged: boolean } {
  let hedged = false;
  const withoutBefore = text.replace(HEDGE_BEFORE, () => {
    hedged = true;
    return 'at ';
  });
  const withoutAfter = withoutBefore.replace(HEDGE_AFTER, (_m, time: string) => {
    hedged = true;
    return time;
  });
  return { text: withoutAfter, hedged };
}

/**
 * A number offered as a time: "how about 2", "can we do 3:30", "maybe 4", "make it 1" → "at 2"…
 * Chrono only reads a bare number as a time after "at".
 */
const PROPOSAL = /\b(how about|what about|can we do|could we do|can you do|could you do|can i do|i can do|maybe|perhaps|let's say|lets say|say|let's do|lets do|try|make it|or)\s+(?=\d{1,2}(?::\d{2})?\b(?!\s*(?:st|nd|rd|th)\b|\/))/g;

export function markProposedTimes(text: string): string {
  return text.replace(PROPOSAL, (_m, phrase: string) => `${phrase} at `);
}
