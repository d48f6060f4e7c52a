/**
 * Affirmation and rejection in their many spoken forms. Rejections are checked first: "that doesn't
 * work" contains "work", "not good" contains "good". A counter-proposal ("how about 3:30 instead?")
 * is a rejection of what was offered even without a "no" — when something was offered and the
 * utterance carries a new date or time.
 */

const NO_PHRASES = [
  /(?:^|[,.;!?]\s*)no\b(?! problem| worries| rush| hurry| idea|,? wait)/, /\bno[.!]?$/, /\bnope\b/, /\bnah\b/, /\bnot really\b/, /\bno thanks?\b/, /\bno thank you\b/,
  /\b(?:that|it|this|that one|that time|that day)?\s*(?:doesn't|does not|don't|do not|won't|will not|wouldn't|would not)\s+(?:really\s+)?(?:work|suit|do)\b/,
  /\bcan't (?:make|do)\b/, /\bcannot (?:make|do)\b/, /\bcan not (?:make|do)\b/, /\bi can't\b/, /\bnot (?:good|great|ideal|possible|okay|ok|fine|convenient|going to work)\b/,
  /\bnegative\b/, /\bthat's wrong\b/, /\bthat is wrong\b/, /\bthat's not right\b/, /\bnot right\b/, /\bincorrect\b/,
  /\bneither\b/, /\bdon't book\b/, /\bdo not book\b/, /\bi'd rather not\b/, /\bbetter not\b/, /\bnot that\b/, /\bnot for me\b/,
  /\bno way\b/, /\bnever mind\b/, /\bnevermind\b/, /\bnothing works\b/, /\bnone of (?:those|them|these)\b/, /\b(?:anything|something) (?:earlier|later|sooner)\b/, /\b(?:a different|another) (?:time|day|slot)\b/,
];

const COUNTER_PROPOSAL = /\b(?:how about|what about|instead|can we do|could we do|can you do|could you do|can we make it|could we make it|can i do|can i come|could i come|do you have|is there|earlier|later)\b/;

const YES_PHRASES = [
  /^(?:yes|yeah|yea|yep|yup|ya|yah|sure|surely|ok|okay|k|alright|all right|right|correct|absolutely|definitely|certainly|exactly|perfect|great|fine|good|lovely|excellent|awesome|cool|affirmative|indeed|of course|uh-huh|uh huh|mm-hmm|mhm|mm hmm|sí|si)(?!\p{L})/u,
  /\b(?:sounds? (?:good|great|perfect|fine|right)|that works|works for me|that'll work|that will work|that's (?:fine|good|great|perfect|right|correct)|that is (?:fine|good|great|perfect|right|correct)|go ahead|book it|please do|let's do it|lets do it|let's do that|that's perfect|you got it|i'll take it|i will take it|yes please|works great|that suits|suits me|that's right|that's me|confirmed|please confirm|book me in|book me|go for it|why not|(?:this|that|the same|my) number (?:is|works|will do)|use (?:this|that|my|the same) (?:number|one)|(?:is|are) (?:fine|good|great|perfect|okay|ok|correct|right))\b/,
  /^please[.!]?$/, /(?:^|[\s,.])(?:yes|yeah|yep|sure|ok|okay)[.!]?$/,
  // Taking one of the offered times is a yes too: "2:30 works", "the first one", "either is fine".
  /\bworks(?: for me| fine| great| best)?[.!]?$/, /\b(?:the )?(?:first|second|last|earlier|later|other|1st|2nd) one\b/, /^(?:the )?(?:first|second|latter|former)\b/,
  /^either\b/,
];

/** Which of two offered times was taken, when the caller picked by position rather than by time. */
const FIRST_CHOICE = /\b(?:the )?(?:first|earlier|1st|former)(?: one)?\b/;
const SECOND_CHOICE = /\b(?:the )?(?:second|later|2nd|latter|last|other)(?: one)?\b/;

export function understandChoice(lower: string): 'first' | 'second' | undefined {
  const second = SECOND_CHOICE.exec(lower);
  const first = FIRST_CHOICE.exec(lower);
  if (first && second) return first.index > second.index ? 'first' : 'second';
  if (second) return 'second';
  return first ? 'first' : undefined;
}

export function understandYesNo(lower: string, counterProposalPossible: boolean): 'yes' | 'no' | undefined {
  const text = lower.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (NO_PHRASES.some((pattern) => pattern.test(text))) return 'no';
  if (counterProposalPossible && COUNTER_PROPOSAL.test(text)) return 'no';
  if (YES_PHRASES.some((pattern) => pattern.test(text))) return 'yes';
  return undefined;
}
