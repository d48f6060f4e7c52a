/**
 * The caller's name: after "my name is", "name's", "this is", "it's", "I'm", "it's for…", "book it under
 * the name…", or a bare name when Rachel just asked for it. Common words after the cue ("this is about my appointment", "I'm calling to…",
 * "it's for tomorrow") are not names. Unless Rachel asked for a name, the loose cues ("this is", "it's",
 * "I'm", "it's for") only count before a capitalised word, as speech-to-text writes names: "this is helpful" is not
 * a Mr Helpful.
 */

/** Words that follow "this is" / "it's" / "I'm" but are not names, and words that end a name. */
const NOT_A_NAME = new Set(
  `a about actually afraid after again all also am an and any anyone appointment are around as asking at available away back be because
  before being best booked booking busy but by calling can cancel cancelling checking closed coming concerning confirm correct could day
  did do does doing done down during early either else even every everyone fine for from fyi get getting glad going gonna good got great
  had happy has have having he hello her here hey hi him his hoping how i if in interested is it its just late later let like looking
  many maybe me mine more morning afternoon evening my need needing new next no none not nothing now of off ok okay on one only or other
  our out over perfect please possible probably quite quick quickly ready really regarding regards related reschedule right ringing
  same see she should so some someone something sorry still such sure than thank thanks that the their them then there these they this
  those through to today tomorrow tonight too trying two um uh under until up urgent us very wait want wanted wanting was way we well
  were what when where whether which while who why with wondering would yeah yes yep you your yours monday tuesday wednesday
  thursday friday saturday sunday january february march april may june july august september october november december
  week weekend noon midnight pm am o'clock speaking here calling phoning hoping trying wanting trying booked important emergency
  name number phone call message person owner manager office the`.split(/\s+/),
);

const BOOKED_FOR = String.raw`(?:it's|it is|that's|that is|book it|book that|book me|put it down|put me down|the appointment is|the booking is)\s+(?:for|under)(?:\s+the name)?`;
// The longer cues come first: at "it's for Jordan" the alternation must take "it's for", not "it's".
const CUE = new RegExp(String.raw`\b(?:${BOOKED_FOR}|my name is|my name's|name is|name's|the name is|under the name|this is|it's|it is|i'm|i am|you're speaking (?:to|with)|call me)\s+`, 'gi');
const CUES_NEEDING_CAPITAL = new RegExp(String.raw`^(?:this is|it's|it is|i'm|i am|${BOOKED_FOR})\s+$`, 'i');
const NAME_WORD = /^[\p{L}][\p{L}'-]*$/u;
const MAX_NAME_WORDS = 3;

export function understandName(clean: string, expectingName: boolean): string | undefined {
  for (const cue of clean.matchAll(CUE)) {
    const afterCue = clean.slice((cue.index ?? 0) + cue[0].length);
    const needsCapital = !expectingName && CUES_NEEDING_CAPITAL.test(cue[0]);
    const name = leadingName(afterCue, needsCapital);
    if (name) return name;
  }
  if (!expectingName) return undefined;
  const bare = clean.replace(/^(?:(?:yes|yeah|yep|sure|ok|okay|oh|so|well|hi|hello|it's|its)\b[,.!]?\s*)+/i, '');
  const words = bare.replace(/[.!?]+$/, '').split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_NAME_WORDS + 1) return undefined;
  const name = leadingName(bare, false);
  return name && name.split(' ').length === words.length ? name : undefined;
}

/** The name-like words at the start of `text`, up to punctuation or a common word. */
function leadingName(text: string, needsCapital: boolean): string | undefined {
  const words: string[] = [];
  for (const token of text.split(/\s+/)) {
    const word = token.replace(/[,.!?;:]+$/, '');
    if (!NAME_WORD.test(word) || NOT_A_NAME.has(word.toLowerCase())) break;
    if (words.length === 0 && needsCapital && word[0] === word[0].toLowerCase()) break;
    words.push(word);
    if (words.length === MAX_NAME_WORDS || word !== token) break;
  }
  return words.length > 0 ? words.map(capitalise).join(' ') : undefined;
}

/** "mary o'brien" → "Mary O'Brien", "ANNE-MARIE" → "Anne-Marie"; "McDonald" as given stays. */
export function capitalise(word: string): string {
  const mixed = word !== word.toLowerCase() && word !== word.toUpperCase();
  if (mixed && word[0] === word[0].toUpperCase()) return word;
  return word.toLowerCase().replace(/(^|['-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}
