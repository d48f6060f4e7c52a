import type { Conversation } from '../dialogue/conversation';
import type { LocalSlot } from '../dialogue/business-desk';
import { spokenWhen } from '../dialogue/spoken';

/** What the caller heard of Rachel's lines before speaking over her. */
export interface HeardPortion {
  /** The lines as heard: whole ones, then the cut one up to the interruption (if any was started). */
  lines: string[];
  /** How many lines she said to the end. */
  whole: number;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * Twilio's utteranceUntilInterrupt is the part of Rachel's text spoken before the caller cut in. It is
 * measured in words rather than matched character by character, so a difference in spacing or
 * punctuation between what was sent and what Twilio echoes cannot lose a line.
 */
export function heardPortion(lines: string[], utteranceUntilInterrupt: string): HeardPortion {
  let budget = words(utteranceUntilInterrupt).length;
  const heard: string[] = [];
  let whole = 0;
  for (const line of lines) {
    const lineWords = words(line);
    if (budget >= lineWords.length) {
      heard.push(line);
      whole += 1;
      budget -= lineWords.length;
      continue;
    }
    if (budget > 0) heard.push(lineWords.slice(0, budget).join(' '));
    break;
  }
  return { lines: heard, whole };
}

const sameSlot = (a: LocalSlot | null, b: LocalSlot | null) => Boolean(a && b && a.date === b.date && a.time === b.time);
const sameSlots = (a: LocalSlot[], b: LocalSlot[]) => a.length === b.length && a.every((slot, i) => sameSlot(slot, b[i]));

/**
 * The dialogue state as the caller actually heard the turn. What the caller told Rachel (date, time,
 * name, goal) stands. What Rachel put forward in this turn counts only if the line naming it was said
 * to the end: a slot she was cut off offering is not offered (its hold is released, and a "yes" cannot
 * book it), alternatives she never finished listing are not on the table, and a confirmation question
 * she never finished asking has not been asked (her previous question stands, so a miss repeats what
 * the caller last heard whole). What she was listening for is kept otherwise: a caller who cut into
 * "3 PM is available. May I have your name?" with their name is understood as giving it. Bookings already made in the turn are not undone: the caller
 * said yes before she spoke.
 */
export function asHeard(before: Conversation, after: Conversation, lines: string[], whole: number): { state: Conversation; releaseHold: boolean } {
  if (whole >= lines.length) return { state: after, releaseHold: false };
  const state = structuredClone(after);
  const saidWhole = (slot: LocalSlot) => {
    const index = lines.findIndex((line) => line.includes(spokenWhen(slot.date, slot.time)));
    return index !== -1 && index < whole;
  };
  let releaseHold = false;
  if (state.offer && !sameSlot(state.offer, before.offer) && !saidWhole(state.offer)) {
    state.offer = null;
    releaseHold = true;
  }
  if (state.alternatives.length > 0 && !sameSlots(state.alternatives, before.alternatives) && !state.alternatives.every(saidWhole)) {
    state.alternatives = [];
    if (state.pending === 'alternative') state.pending = null;
  }
  // Her question is always the turn's last line: cut short, the confirmation it asked for was never
  // asked, and the question standing is the one the caller last heard whole.
  if (state.pending && state.pending !== before.pending) {
    state.pending = null;
    state.question = before.question;
    state.expecting = before.expecting;
  }
  return { state, releaseHold };
}
