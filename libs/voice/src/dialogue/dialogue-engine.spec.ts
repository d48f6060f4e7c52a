import type { Understanding, UnderstandingContext, Understood } from '../understanding/understanding';
import { type AppointmentSummary, type BookResult, BusinessDesk, type CheckResult, type LocalSlot } from './business-desk';
import type { BusinessProfile, Conversation, TurnResult } from './conversation';
import { DialogueEngine } from './dialogue-engine';
import { spelledCode, spokenDays, spokenTime, spokenWhen } from './spoken';

/** A scripted Understanding: each test says what each utterance means. */
class ScriptedUnderstanding implements Understanding {
  readonly contexts: UnderstandingContext[] = [];
  constructor(private readonly script: Record<string, Partial<Understood>>) {}
  understand(utterance: string, context: UnderstandingContext): Understood {
    this.contexts.push(context);
    return { intent: null, text: utterance, ...(this.script[utterance] ?? { intent: 'unknown' }) };
  }
}

/** A business desk in memory: a list of free slots, one hold, the bookings made. */
class MemoryDesk extends BusinessDesk {
  held: LocalSlot | null = null;
  booked: Array<LocalSlot & { name: string; phone: string }> = [];
  holdRefused = false;
  loseRace = false;
  seconds = 10_000;
  existing: AppointmentSummary | null = null;
  cancelled: number[] = [];
  constructor(public free: LocalSlot[]) {
    super();
  }
  private isFree = (s: LocalSlot) => this.free.some((f) => f.date === s.date && f.time === s.time);
  async check(slot: LocalSlot): Promise<CheckResult> {
    return this.isFree(slot) ? { ok: true } : { ok: false, reason: 'taken' };
  }
  async nextFree(preferred: { date: string; time?: string }, count: number): Promise<LocalSlot[]> {
    return this.free.filter((s) => `${s.date} ${s.time}` >= `${preferred.date} ${preferred.time ?? '00:00'}`).slice(0, count);
  }
  async hold(slot: LocalSlot): Promise<boolean> {
    if (this.holdRefused) return false;
    this.held = slot;
    return true;
  }
  async release(): Promise<void> {
    this.held = null;
  }
  async book(slot: LocalSlot, customer: { name: string; phone: string }): Promise<BookResult> {
    if (this.loseRace) {
      this.free = this.free.filter((f) => !(f.date === slot.date && f.time === slot.time));
      return { ok: false, reason: 'taken' };
    }
    this.booked.push({ ...slot, ...customer });
    this.held = null;
    return { ok: true, appointment: { id: 9, ...slot, code: 'K7P2QM4X', name: customer.name } };
  }
  async nextAppointment(): Promise<AppointmentSummary | null> {
    return this.existing;
  }
  async cancel(id: number): Promise<void> {
    this.cancelled.push(id);
  }
  async reschedule(id: number, slot: LocalSlot): Promise<BookResult> {
    return { ok: true, appointment: { ...this.existing!, id, ...slot } };
  }
  async secondsLeft(): Promise<number> {
    return this.seconds;
  }
}

const business: BusinessProfile = {
  name: 'Acme Cuts',
  greeting: null,
  timezone: 'America/New_York',
  hours: { start: '09:00', end: '17:00' },
  openDays: [1, 2, 3, 4, 5],
  address: null,
  services: null,
};
const now = new Date('2026-11-30T15:00:00Z');
const SCRIPT: Record<string, Partial<Understood>> = {
  'book tomorrow at 2': { intent: 'book', date: '2026-12-01', time: '14:00' },
  'book tomorrow afternoon': { intent: 'book', date: '2026-12-01', timeRange: { from: '12:00', to: '17:00' } },
  'book an appointment': { intent: 'book' },
  tuesday: { date: '2026-12-01' },
  'at 3': { time: '15:00' },
  'Ann Lee': { name: 'Ann Lee' },
  yes: { answer: 'yes' },
  'the second one': { answer: 'yes', choice: 'second' },
  no: { answer: 'no' },
  'no, 3 instead': { answer: 'no', time: '15:00' },
  'cancel it': { intent: 'cancel' },
  hours: { intent: 'hours' },
  where: { intent: 'location' },
  bye: { intent: 'goodbye' },
};

function setup(free: LocalSlot[] = [{ date: '2026-12-01', time: '14:00' }, { date: '2026-12-01', time: '15:00' }, { date: '2026-12-01', time: '15:30' }], maxTurns = 12) {
  const understanding = new ScriptedUnderstanding(SCRIPT);
  const engine = new DialogueEngine(understanding, { maxTurns, wrapUpSeconds: 30 });
  const desk = new MemoryDesk(free);
  let state: Conversation = engine.start({ callSid: 'CA1', clientId: 1, caller: '+13105550199' }, business).state;
  const say = async (speech: string | null): Promise<TurnResult> => {
    const result = await engine.reply(state, { speech, confidence: 0.9 }, desk, now);
    state = result.state;
    return result;
  };
  return { engine, desk, understanding, say, state: () => state };
}

describe('DialogueEngine', () => {
  it('greets with the business name when there is no custom greeting, or with the greeting', () => {
    const engine = new DialogueEngine(new ScriptedUnderstanding({}), { maxTurns: 5, wrapUpSeconds: 30 });
    expect(engine.start({ callSid: 'CA1', clientId: 1, caller: '+1' }, business).lines).toEqual([
      'Thank you for calling Acme Cuts. This is Rachel, the virtual assistant.',
      'How can I help you today?',
    ]);
    expect(engine.start({ callSid: 'CA1', clientId: 1, caller: '+1' }, { ...business, greeting: 'Hi, Acme here!' }).lines[0]).toBe('Hi, Acme here!');
  });

  it('books: offers and holds the slot, asks the name, confirms with the number, books, spells the code', async () => {
    const { say, desk } = setup();
    expect((await say('book tomorrow at 2')).lines).toEqual(['Tuesday, December 1st at 2 PM is available.', 'May I have your name for the booking?']);
    expect(desk.held).toEqual({ date: '2026-12-01', time: '14:00' });
    expect((await say('Ann Lee')).lines).toEqual(['I can book Tuesday, December 1st at 2 PM for Ann Lee, and text the confirmation to the number ending in 0 1 9 9. Shall I book it?']);
    const booked = await say('yes');
    expect(booked.lines).toEqual([
      "You're all set for Tuesday, December 1st at 2 PM.",
      'Your confirmation code is K as in Kilo, 7, P as in Papa, 2, Q as in Quebec, M as in Mike, 4, X as in X-ray.',
      "I'll text you the details as well.",
      'Is there anything else I can help you with?',
    ]);
    expect(booked.record).toEqual({ outcome: 'booked', appointmentId: 9 });
    expect(desk.booked).toEqual([{ date: '2026-12-01', time: '14:00', name: 'Ann Lee', phone: '+13105550199' }]);
  });

  it('collects a missing date and time one question at a time, telling Understanding what it expects', async () => {
    const { say, understanding } = setup();
    expect((await say('book an appointment')).lines).toEqual(['What day and time would suit you?']);
    expect((await say('tuesday')).lines).toEqual(['What time on Tuesday, December 1st works for you?']);
    expect((await say('at 3')).lines[0]).toBe('Tuesday, December 1st at 3 PM is available.');
    expect(understanding.contexts.map((c) => c.expecting)).toEqual(['intent', 'datetime', 'time']);
    expect(understanding.contexts[0]).toMatchObject({ now, timezone: 'America/New_York', businessHours: { start: '09:00', end: '17:00' } });
  });

  it('a part of the day offers the first free slot inside it', async () => {
    const { say } = setup([{ date: '2026-12-01', time: '11:00' }, { date: '2026-12-01', time: '15:30' }]);
    expect((await say('book tomorrow afternoon')).lines[0]).toBe('Tuesday, December 1st at 3:30 PM is available.');
  });

  it('a hold lost to another caller turns into alternatives, never an error', async () => {
    const { say, desk } = setup();
    desk.holdRefused = true;
    const result = await say('book tomorrow at 2');
    expect(result.lines[0]).toBe("I'm sorry, 2 PM on Tuesday, December 1st has just been taken.");
    expect(result.state.pending).toBe('alternative');
  });

  it('a slot lost at the last moment is re-offered from what is still free', async () => {
    const { say, desk } = setup();
    await say('book tomorrow at 2');
    await say('Ann Lee');
    desk.loseRace = true;
    const result = await say('yes');
    expect(result.lines).toEqual([
      "I'm sorry, 2 PM on Tuesday, December 1st was just taken.",
      'The nearest I have are Tuesday, December 1st at 3 PM, or Tuesday, December 1st at 3:30 PM. Would either of those work?',
    ]);
    expect(result.record.outcome).toBeUndefined();
  });

  it('of two alternatives, "the second one" takes the second', async () => {
    const { say } = setup([{ date: '2026-12-01', time: '15:00' }, { date: '2026-12-01', time: '15:30' }]);
    expect((await say('book tomorrow at 2')).state.alternatives).toHaveLength(2);
    expect((await say('the second one')).lines[0]).toBe('Tuesday, December 1st at 3:30 PM is available.');
  });

  it('"no" with a new time re-offers that time; plain "no" releases the hold and asks again', async () => {
    const { say, desk } = setup();
    await say('book tomorrow at 2');
    await say('Ann Lee');
    expect((await say('no, 3 instead')).lines[0]).toMatch(/^I can book Tuesday, December 1st at 3 PM for Ann Lee/);
    expect(desk.held).toEqual({ date: '2026-12-01', time: '15:00' });
    expect((await say('no')).lines).toEqual(['No problem. What day and time would suit you better?']);
    expect(desk.held).toBeNull();
  });

  it('cancels the caller’s appointment after reading it back', async () => {
    const { say, desk } = setup();
    desk.existing = { id: 4, date: '2026-12-02', time: '10:30', code: 'ABCD2345', name: 'Ann Lee' };
    expect((await say('cancel it')).lines).toEqual(['I see your appointment on Wednesday, December 2nd at 10:30 AM. Would you like me to cancel it?']);
    const done = await say('yes');
    expect(desk.cancelled).toEqual([4]);
    expect(done.record).toMatchObject({ outcome: 'cancelled', appointmentId: 4 });
  });

  it('silence: repeats the question, then offers the owner or a message, then connects the owner', async () => {
    const { say } = setup();
    expect((await say(null)).lines).toEqual(["Sorry, I didn't hear anything.", 'How can I help you today?']);
    expect((await say('')).lines[1]).toBe('I can connect you with someone at Acme Cuts, or take a message. Which would you prefer?');
    expect((await say(null)).action).toEqual({ kind: 'connect_owner' });
  });

  it('a useful answer resets the count of misses', async () => {
    const { say } = setup();
    await say(null);
    await say('hours');
    expect((await say(null)).lines).toEqual(["Sorry, I didn't hear anything.", 'Is there anything else I can help you with?']);
  });

  it('says what it cannot answer and offers a message or the owner', async () => {
    const { say } = setup();
    expect((await say('where')).lines).toEqual(["I'm afraid I don't have the address to hand.", 'I can take a message for Acme Cuts, or connect you with someone. Which would you prefer?']);
  });

  it('a turn cap hands the call to the owner and releases any hold', async () => {
    const { say, desk } = setup(undefined, 2);
    await say('book tomorrow at 2');
    await say('Ann Lee');
    const capped = await say('yes');
    expect(capped.action).toEqual({ kind: 'connect_owner' });
    expect(desk.held).toBeNull();
    expect(desk.booked).toEqual([]);
  });

  it('wraps up politely when billing has less than a turn left', async () => {
    const { say, desk } = setup();
    desk.seconds = 20;
    const result = await say('book tomorrow at 2');
    expect(result.lines[0]).toBe("I'm sorry, I have to wrap up this call now.");
    expect(result.action).toEqual({ kind: 'connect_owner' });
  });

  it('goodbye ends the call and never mutates the state it was given', async () => {
    const { engine, desk, state } = setup();
    const before = structuredClone(state());
    const result = await engine.reply(state(), { speech: 'bye', confidence: 1 }, desk, now);
    expect(result.action).toEqual({ kind: 'hangup' });
    expect(state()).toEqual(before);
  });
});

describe('spoken forms', () => {
  it.each([
    ['09:00', '9 AM'],
    ['09:30', '9:30 AM'],
    ['12:00', 'noon'],
    ['12:15', '12:15 PM'],
    ['00:00', '12 AM'],
    ['17:05', '5:05 PM'],
  ])('%s is said %s', (time, said) => expect(spokenTime(time)).toBe(said));

  it('says dates with weekday and ordinal', () => {
    expect(spokenWhen('2026-12-01', '14:00')).toBe('Tuesday, December 1st at 2 PM');
    expect(spokenWhen('2026-12-22', '09:00')).toBe('Tuesday, December 22nd at 9 AM');
    expect(spokenWhen('2026-12-13', '09:00')).toBe('Sunday, December 13th at 9 AM');
  });

  it('spells a code letter by letter with NATO words', () => expect(spelledCode('B2Z')).toBe('B as in Bravo, 2, Z as in Zulu'));

  it('says open days as a range or a list', () => {
    expect(spokenDays([1, 2, 3, 4, 5])).toBe('Monday to Friday');
    expect(spokenDays([1, 3, 5])).toBe('Mondays, Wednesdays, Fridays');
    expect(spokenDays([6, 0])).toBe('Saturdays and Sundays');
  });
});
