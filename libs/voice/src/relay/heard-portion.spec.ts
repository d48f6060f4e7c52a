import type { Conversation } from '../dialogue/conversation';
import { asHeard, heardPortion } from './heard-portion';

const business = { name: 'Bright Smiles', greeting: null, timezone: 'America/New_York', hours: { start: '09:00', end: '17:00' }, openDays: [1, 2, 3, 4, 5], address: null, services: null };
const base: Conversation = {
  callSid: `CA${'0'.repeat(32)}`,
  clientId: 1,
  caller: '+13105550199',
  business,
  turn: 1,
  expecting: 'intent',
  question: 'How can I help you today?',
  goal: null,
  misses: 0,
  draft: {},
  offer: null,
  alternatives: [],
  existing: null,
  pending: null,
  finished: false,
};
const slot = { date: '2026-12-01', time: '14:00' };
const offerLines = ['Tuesday, December 1st at 2 PM is available.', 'May I have your name for the booking?'];
const offered: Conversation = { ...base, goal: 'book', offer: slot, draft: { date: slot.date, time: slot.time }, expecting: 'name', question: offerLines[1] };

describe('heardPortion: what the caller heard of Rachel before cutting in', () => {
  it('keeps whole lines, cuts the one she was in by words, and drops the rest', () => {
    expect(heardPortion(offerLines, 'Tuesday, December')).toEqual({ lines: ['Tuesday, December'], whole: 0 });
    expect(heardPortion(offerLines, 'Tuesday, December 1st at 2 PM is available. May I')).toEqual({ lines: [offerLines[0], 'May I'], whole: 1 });
    expect(heardPortion(offerLines, offerLines.join(' '))).toEqual({ lines: offerLines, whole: 2 });
    expect(heardPortion(offerLines, '')).toEqual({ lines: [], whole: 0 });
  });

  it('counts words, so spacing and punctuation differences in the echo cannot lose a line', () => {
    expect(heardPortion(offerLines, '  Tuesday,   December 1st at 2 PM is available  ').whole).toBe(1);
  });
});

describe('asHeard: the dialogue state as the caller heard the turn', () => {
  it('a slot cut off mid-offer is withdrawn and its hold released; what the caller asked for stays', () => {
    const { state, releaseHold } = asHeard(base, offered, offerLines, 0);
    expect(releaseHold).toBe(true);
    expect(state.offer).toBeNull();
    expect(state.draft).toEqual({ date: slot.date, time: slot.time });
    expect(state.goal).toBe('book');
    // She was listening for a name: a caller who cut in with theirs is understood as giving it.
    expect(state.expecting).toBe('name');
  });

  it('an offer said to the end stands even if the question after it was cut', () => {
    const { state, releaseHold } = asHeard(base, offered, offerLines, 1);
    expect(releaseHold).toBe(false);
    expect(state.offer).toEqual(slot);
  });

  it('an unfinished confirmation question is not pending, and her previous question stands', () => {
    const line = 'I can book Tuesday, December 1st at 2 PM for John, and text the confirmation to the number ending in 0 1 9 9. Shall I book it?';
    const asking: Conversation = { ...offered, draft: { ...offered.draft, name: 'John' }, pending: 'book', expecting: 'confirmation', question: line };
    const { state, releaseHold } = asHeard(offered, asking, [line], 0);
    expect(state.pending).toBeNull();
    expect(state.question).toBe(offered.question);
    expect(state.expecting).toBe('name');
    // The slot itself was offered (and heard) last turn: it stays held.
    expect(releaseHold).toBe(false);
    expect(state.offer).toEqual(slot);
  });

  it('alternatives she never finished listing are off the table', () => {
    const alternatives = [slot, { date: '2026-12-01', time: '15:00' }];
    const lines = ["I'm sorry, that's taken.", 'The nearest I have are Tuesday, December 1st at 2 PM, or Tuesday, December 1st at 3 PM. Would either of those work?'];
    const listing: Conversation = { ...base, goal: 'book', alternatives, pending: 'alternative', expecting: 'confirmation', question: lines[1] };
    const { state } = asHeard(base, listing, lines, 1);
    expect(state.alternatives).toEqual([]);
    expect(state.pending).toBeNull();
  });

  it('a turn heard to the end is kept as it is', () => {
    expect(asHeard(base, offered, offerLines, 2).state).toBe(offered);
  });
});
