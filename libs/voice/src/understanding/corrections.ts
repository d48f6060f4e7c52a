/**
 * Inline corrections: callers fix themselves mid-sentence ("at 10, no wait, make it 1 p.m.",
 * "Tuesday — sorry, Wednesday"). The utterance is cut into segments at each correction marker; the
 * date/time rules read the segments in order and the last value said wins. A value the caller
 * explicitly rules out ("Wednesday, not Tuesday", "3:30 instead of 3") is removed before reading.
 */

const CORRECTION_MARKER =
  /(?:\bno,? wait\b|\bwait\b|\bsorry\b|\bi mean\b|\bactually\b|\bscratch that\b|\bmake (?:it|that)\b|\bor rather\b|\brather\b(?! than)|\bon second thought\b|\bchange (?:it|that) to\b|\bno\b|\bnope\b|\bi meant\b|\bcorrection\b|\bhow about\b|\bwhat about\b|\s[—–]\s?|\s-\s)/g;

/** Splits at correction markers; every segment keeps its order. */
export function splitAtCorrections(text: string): string[] {
  return text
    .split(CORRECTION_MARKER)
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0);
}

const NEGATION = /\b(?:not|instead of|rather than|other than|except)\b/g;
const STOP_WORD = /^(?:but|and|how|what|maybe|instead|so|then|or|sorry|wait|no|actually|i|make|[—–-])$/;
const MAX_NEGATED_WORDS = 4;

/** Removes the few words after "not" / "instead of" / "rather than", up to punctuation or "but". */
export function dropNegatedValues(segment: string): string {
  let result = '';
  let cursor = 0;
  for (const match of segment.matchAll(NEGATION)) {
    const start = match.index ?? 0;
    if (start < cursor) continue;
    result += segment.slice(cursor, start);
    let end = start + match[0].length;
    let words = 0;
    const rest = /\s*([^\s,.;!?]+)/y;
    while (words < MAX_NEGATED_WORDS) {
      rest.lastIndex = end;
      const word = rest.exec(segment);
      if (!word || STOP_WORD.test(word[1])) break;
      end = rest.lastIndex;
      words += 1;
    }
    cursor = end;
  }
  return result + segment.slice(cursor);
}
