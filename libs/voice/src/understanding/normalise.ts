/**
 * Speech-to-text output made ready for the rules: hostile characters removed, fillers ("um", "uh")
 * dropped, typographic quotes and dashes made plain, and a lower-case copy the rules match against.
 */

/** Longer utterances are cut here: no caller says more in one turn, and the rules stay fast. */
export const MAX_UTTERANCE_LENGTH = 2000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const FILLER = /(?:^|(?<=[\s,]))(?:u+m+|u+h+m*|e+r+m*|e+h+|a+h+|h+m+|mm+)(?=$|[\s,.!?])[,.]?/gi;

/** The utterance as the caller meant it, with fillers gone and whitespace tidy (kept for messages). */
export function cleanUtterance(utterance: string): string {
  // Twilio omits SpeechResult on silence; anything but a string is read as silence too.
  return (typeof utterance === 'string' ? utterance : '')
    .slice(0, MAX_UTTERANCE_LENGTH)
    .replace(LONE_SURROGATE, '')
    .replace(CONTROL, ' ')
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(FILLER, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;]+/, '')
    .trim();
}

const GREETING = /\b(?:hi|hiya|hello|hey|hola|howdy|good (?:morning|afternoon|evening|day))(?: there| rachel)?\b[,.!]?/g;

/** Lower-case copy for the rules; greetings go so "good afternoon" is not a time of day. */
export function rulesText(clean: string): string {
  return clean
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, ' - ')
    .replace(GREETING, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
