import type { Expectation, Understanding, Understood } from '../understanding/understanding';
import type { BusinessDesk, LocalSlot, Unavailable } from './business-desk';
import type { BusinessProfile, CallerTurn, Conversation, RachelAction, RecordUpdate, TurnResult } from './conversation';
import { lastFour, spelledCode, spokenDate, spokenDays, spokenTime, spokenWhen } from './spoken';

export interface DialogueOptions {
  /** Caller turns before Rachel hands a going-nowhere call to the owner. */
  maxTurns: number;
  /** Below this many seconds of paid time left, Rachel wraps up instead of starting another turn. */
  wrapUpSeconds: number;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/**
 * Whether the caller's number can take the confirmation text: a North American number (the product
 * texts only those). A withheld caller ID arrives as "anonymous", "Restricted" or Twilio's placeholder
 * +266696687, none of which can.
 */
const isTextable = (phone: string) => /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(phone);

/** One turn being worked out: the state it changes, the lines Rachel says, what happens next. */
class Turn {
  readonly lines: string[] = [];
  readonly record: RecordUpdate = {};
  action: RachelAction = { kind: 'listen' };

  constructor(readonly state: Conversation) {}

  say(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  /** Ask a question and listen; the question is remembered so a miss can repeat it. */
  ask(question: string, expecting: Expectation): this {
    this.lines.push(question);
    this.state.question = question;
    this.state.expecting = expecting;
    this.action = { kind: 'listen' };
    return this;
  }

  end(kind: 'connect_owner' | 'hangup'): this {
    this.action = { kind };
    this.state.finished = true;
    return this;
  }

  result(): TurnResult {
    return { state: this.state, lines: this.lines, action: this.action, record: this.record };
  }
}

/**
 * Rachel's side of the conversation, free of any transport: (state, what the caller said) → (new state,
 * Rachel's lines, what happens next, what the call record learns). It reads the caller through the
 * Understanding port and acts on the business through the BusinessDesk port, so the same engine runs
 * behind Twilio's <Gather>, a streaming transport, or a unit test.
 */
export class DialogueEngine {
  constructor(
    private readonly understanding: Understanding,
    private readonly options: DialogueOptions,
  ) {}

  /** The greeting that opens the call. */
  start(call: { callSid: string; clientId: number; caller: string }, business: BusinessProfile): TurnResult {
    const state: Conversation = {
      callSid: call.callSid,
      clientId: call.clientId,
      caller: call.caller,
      business,
      turn: 0,
      expecting: 'intent',
      question: '',
      goal: null,
      misses: 0,
      draft: isTextable(call.caller) ? { phone: call.caller } : {},
      offer: null,
      alternatives: [],
      existing: null,
      pending: null,
      finished: false,
    };
    const turn = new Turn(state);
    turn.say(business.greeting?.trim() || `Thank you for calling ${business.name}. This is Rachel, the virtual assistant.`);
    turn.ask('How can I help you today?', 'intent');
    return turn.result();
  }

  async reply(previous: Conversation, said: CallerTurn, desk: BusinessDesk, now: Date): Promise<TurnResult> {
    const state: Conversation = structuredClone(previous);
    state.turn += 1;
    const turn = new Turn(state);
    if (state.turn > this.options.maxTurns) {
      await desk.release();
      return turn.say("I'm sorry we haven't been able to sort this out.", `Let me connect you with someone at ${state.business.name}.`).end('connect_owner').result();
    }
    if ((await desk.secondsLeft()) < this.options.wrapUpSeconds) {
      await desk.release();
      return turn.say(`I'm sorry, I have to wrap up this call now.`, `Let me connect you with someone at ${state.business.name} who can finish helping you.`).end('connect_owner').result();
    }
    const speech = said.speech?.trim() ?? '';
    if (!speech) return this.missed(turn, desk, "Sorry, I didn't hear anything.");
    const heard = this.understanding.understand(speech, {
      now,
      timezone: state.business.timezone,
      businessHours: state.business.hours,
      expecting: state.expecting,
    });
    await this.respond(turn, heard, desk);
    return turn.result();
  }

  private async respond(turn: Turn, heard: Understood, desk: BusinessDesk): Promise<void> {
    const { state } = turn;
    if (state.expecting === 'message') {
      const message = heard.text.trim();
      if (!message) return void (await this.missed(turn, desk, "Sorry, I didn't catch your message."));
      turn.record.callerMessage = message;
      turn.record.outcome = 'message';
      await desk.release();
      turn.say(`Thank you. I'll make sure ${state.business.name} gets your message, and they'll get back to you.`, 'Goodbye!');
      turn.end('hangup');
      return;
    }
    // These end or hand over the conversation whatever was being discussed.
    if (heard.intent === 'goodbye' || (state.expecting === 'anything_else' && heard.answer === 'no' && !heard.intent)) {
      await desk.release();
      turn.say(`Thank you for calling ${state.business.name}. Goodbye!`);
      turn.end('hangup');
      return;
    }
    const choice = state.pending === 'help' ? this.choiceBetweenOwnerAndMessage(heard) : null;
    if (heard.intent === 'person' || choice === 'person') return this.connectOwner(turn, desk);
    if (heard.intent === 'message' || choice === 'message') return this.askForMessage(turn, desk);

    switch (state.pending) {
      case 'book':
      case 'reschedule':
        if (await this.onConfirmSlot(turn, heard, desk)) return;
        break;
      case 'alternative':
        if (await this.onAlternative(turn, heard, desk)) return;
        break;
      case 'cancel':
        if (await this.onConfirmCancel(turn, heard, desk)) return;
        break;
      default:
        break;
    }

    const startsNewGoal = heard.intent !== null && heard.intent !== 'unknown' && heard.intent !== state.goal;
    if (startsNewGoal) return this.startGoal(turn, heard, desk);
    if ((state.goal === 'book' || (state.goal === 'reschedule' && state.existing)) && this.carriesBookingDetail(heard)) {
      this.merge(state, heard);
      state.misses = 0;
      return this.advanceBooking(turn, desk);
    }
    if (state.expecting === 'anything_else' && heard.answer === 'yes') {
      state.misses = 0;
      turn.ask('Sure, what else can I help you with?', 'intent');
      return;
    }
    if (state.goal === 'book' && state.expecting === 'name' && !heard.name) {
      return void (await this.missed(turn, desk, "Sorry, I didn't catch your name."));
    }
    await this.missed(turn, desk, "I'm sorry, I didn't quite get that.");
  }

  /**
   * Rachel just offered "someone, or a message": a bare "a message please" or "the first one" answers
   * her question even when it states no intent of its own.
   */
  private choiceBetweenOwnerAndMessage(heard: Understood): 'person' | 'message' | null {
    if (heard.intent && heard.intent !== 'unknown') return null;
    const text = heard.text.toLowerCase();
    if (/\b(message|second|latter)\b/.test(text)) return 'message';
    if (/\b(someone|somebody|person|human|connect|first|former|owner)\b/.test(text)) return 'person';
    return null;
  }

  private carriesBookingDetail(heard: Understood): boolean {
    return Boolean(heard.date || heard.time || heard.timeRange || heard.name || heard.phone);
  }

  private merge(state: Conversation, heard: Understood): void {
    const draft = state.draft;
    if (heard.date) draft.date = heard.date;
    if (heard.time) {
      draft.time = heard.time;
      delete draft.timeRange;
    } else if (heard.timeRange) {
      draft.timeRange = heard.timeRange;
      delete draft.time;
    }
    if (heard.name && (state.expecting === 'name' || heard.name !== draft.name)) draft.name = heard.name;
    if (heard.phone) draft.phone = heard.phone;
  }

  /** Silence or something Rachel could not use: repeat once, then offer a person or a message. */
  private async missed(turn: Turn, desk: BusinessDesk, apology: string): Promise<TurnResult> {
    const { state } = turn;
    state.misses += 1;
    if (state.misses >= 3) {
      await desk.release();
      return turn.say("I'm sorry, I'm having trouble hearing you.", `Let me connect you with someone at ${state.business.name}.`).end('connect_owner').result();
    }
    if (state.misses === 2) {
      state.pending = 'help';
      return turn.say(apology).ask(`I can connect you with someone at ${state.business.name}, or take a message. Which would you prefer?`, 'intent').result();
    }
    return turn.say(apology).ask(state.question || 'How can I help you today?', state.expecting).result();
  }

  private async startGoal(turn: Turn, heard: Understood, desk: BusinessDesk): Promise<void> {
    const { state } = turn;
    state.misses = 0;
    state.pending = null;
    const business = state.business;
    if (heard.intent) turn.record.intent = heard.intent;
    switch (heard.intent) {
      case 'book':
        await desk.release();
        state.goal = 'book';
        state.offer = null;
        state.alternatives = [];
        state.draft = { phone: state.draft.phone, name: state.draft.name };
        this.merge(state, heard);
        return this.advanceBooking(turn, desk);
      case 'cancel':
      case 'reschedule':
      case 'lookup': {
        await desk.release();
        state.goal = heard.intent;
        const existing = await desk.nextAppointment(state.caller);
        state.existing = existing;
        if (!existing) {
          state.pending = 'help';
          turn.say("I couldn't find an upcoming appointment for the number you're calling from.");
          turn.ask(`I can take a message for ${business.name}, or connect you with someone. Which would you prefer?`, 'intent');
          return;
        }
        const when = spokenWhen(existing.date, existing.time);
        if (heard.intent === 'lookup') {
          turn.record.outcome = 'looked_up';
          turn.record.appointmentId = existing.id;
          state.goal = null;
          turn.say(`Your next appointment is on ${when}. Your confirmation code is ${spelledCode(existing.code)}.`);
          turn.ask('Is there anything else I can help you with?', 'anything_else');
          return;
        }
        if (heard.intent === 'cancel') {
          state.pending = 'cancel';
          turn.ask(`I see your appointment on ${when}. Would you like me to cancel it?`, 'confirmation');
          return;
        }
        state.draft = { phone: state.draft.phone, name: existing.name };
        this.merge(state, heard);
        if (state.draft.date || state.draft.time || state.draft.timeRange) return this.advanceBooking(turn, desk);
        turn.ask(`I see your appointment on ${when}. What day and time would you like instead?`, 'datetime');
        return;
      }
      case 'hours':
        turn.record.outcome = 'answered';
        turn.say(`We're open ${spokenDays(business.openDays)}, from ${spokenTime(business.hours.start)} to ${spokenTime(business.hours.end)}.`);
        return this.anythingElse(turn);
      case 'location':
        if (!business.address) return this.cannotAnswer(turn, "I'm afraid I don't have the address to hand.");
        turn.record.outcome = 'answered';
        turn.say(`We're at ${business.address}.`);
        return this.anythingElse(turn);
      case 'pricing':
        if (!business.services) return this.cannotAnswer(turn, "I'm afraid I don't have our prices to hand.");
        turn.record.outcome = 'answered';
        turn.say(business.services);
        return this.anythingElse(turn);
      default:
        await this.missed(turn, desk, "I'm sorry, I didn't quite get that.");
    }
  }

  private anythingElse(turn: Turn): void {
    turn.state.goal = null;
    turn.ask('Is there anything else I can help you with?', 'anything_else');
  }

  private cannotAnswer(turn: Turn, apology: string): void {
    turn.state.pending = 'help';
    turn.state.goal = null;
    turn.say(apology).ask(`I can take a message for ${turn.state.business.name}, or connect you with someone. Which would you prefer?`, 'intent');
  }

  private async connectOwner(turn: Turn, desk: BusinessDesk): Promise<void> {
    await desk.release();
    turn.record.intent = 'person';
    turn.say(`Of course. Let me connect you with someone at ${turn.state.business.name}. One moment, please.`);
    turn.end('connect_owner');
  }

  private async askForMessage(turn: Turn, desk: BusinessDesk): Promise<void> {
    await desk.release();
    turn.record.intent = 'message';
    turn.state.goal = 'message';
    turn.state.pending = null;
    turn.ask(`Of course. Please tell me your message for ${turn.state.business.name}, and I'll pass it on.`, 'message');
  }

  /** Collects what the booking still lacks, then offers (and holds) a slot. */
  private async advanceBooking(turn: Turn, desk: BusinessDesk): Promise<void> {
    const { state } = turn;
    const draft = state.draft;
    if (!draft.date) {
      turn.ask(draft.time ? `What day would you like to come in at ${spokenTime(draft.time)}?` : 'What day and time would suit you?', draft.time ? 'date' : 'datetime');
      return;
    }
    if (!draft.time) {
      if (draft.timeRange) {
        const [slot] = (await desk.nextFree({ date: draft.date, time: draft.timeRange.from }, 1)).filter((s) => s.date === draft.date && s.time < draft.timeRange!.to);
        if (slot) return this.offer(turn, slot, desk);
        return this.offerAlternatives(turn, desk, { date: draft.date, time: draft.timeRange.from }, "I don't have anything free then.");
      }
      turn.ask(`What time on ${spokenDate(draft.date)} works for you?`, 'time');
      return;
    }
    const slot = { date: draft.date, time: draft.time };
    // Already offered and held for this call (the caller just gave their name or number): no re-check.
    if (state.offer && state.offer.date === slot.date && state.offer.time === slot.time) return this.offer(turn, slot, desk, true);
    const check = await desk.check(slot);
    if (!check.ok) return this.offerAlternatives(turn, desk, slot, this.whyNot(check.reason, slot, state.business));
    await this.offer(turn, slot, desk);
  }

  private whyNot(reason: Unavailable, slot: LocalSlot, business: BusinessProfile): string {
    const weekday = WEEKDAY_NAMES[new Date(`${slot.date}T00:00:00Z`).getUTCDay()];
    switch (reason) {
      case 'closed-day':
        return `I'm sorry, we're closed on ${weekday}s.`;
      case 'outside-hours':
        return `I'm sorry, that's outside our hours; we're open from ${spokenTime(business.hours.start)} to ${spokenTime(business.hours.end)}.`;
      case 'taken':
        return `I'm sorry, ${spokenTime(slot.time)} on ${spokenDate(slot.date)} is already taken.`;
      case 'past':
        return "I'm sorry, that time has already passed.";
      case 'too-soon':
        return "I'm sorry, that's a little too soon for me to book.";
      case 'too-far':
        return "I'm sorry, that's further ahead than I can book.";
      case 'no-such-time':
        return "I'm sorry, that time doesn't exist that day because of the clock change.";
    }
  }

  private async offerAlternatives(turn: Turn, desk: BusinessDesk, from: LocalSlot, why: string): Promise<void> {
    const { state } = turn;
    await desk.release();
    state.offer = null;
    const alternatives = await desk.nextFree(from, 2);
    state.alternatives = alternatives;
    turn.say(why);
    if (alternatives.length === 0) {
      state.pending = 'help';
      turn.ask(`I don't have anything free in the coming weeks. I can take a message for ${state.business.name}, or connect you with someone. Which would you prefer?`, 'intent');
      return;
    }
    state.pending = 'alternative';
    const said = alternatives.map((s) => spokenWhen(s.date, s.time));
    turn.ask(alternatives.length === 2 ? `The nearest I have are ${said[0]}, or ${said[1]}. Would either of those work?` : `The nearest I have is ${said[0]}. Would that work?`, 'confirmation');
  }

  /** Holds the slot for this call, then asks what is missing or for the final "yes". */
  private async offer(turn: Turn, slot: LocalSlot, desk: BusinessDesk, alreadyHeld = false): Promise<void> {
    const { state } = turn;
    if (!alreadyHeld && !(await desk.hold(slot))) return this.offerAlternatives(turn, desk, slot, `I'm sorry, ${spokenTime(slot.time)} on ${spokenDate(slot.date)} has just been taken.`);
    state.offer = slot;
    state.alternatives = [];
    state.draft.date = slot.date;
    state.draft.time = slot.time;
    delete state.draft.timeRange;
    const when = spokenWhen(slot.date, slot.time);
    if (state.goal === 'reschedule' && state.existing) {
      state.pending = 'reschedule';
      turn.ask(`I can move your appointment from ${spokenWhen(state.existing.date, state.existing.time)} to ${when}. Shall I go ahead?`, 'confirmation');
      return;
    }
    if (!state.draft.name) {
      state.pending = null;
      turn.say(`${when} is available.`);
      turn.ask('May I have your name for the booking?', 'name');
      return;
    }
    if (!state.draft.phone) {
      state.pending = null;
      turn.ask('What number should I text the confirmation to?', 'phone');
      return;
    }
    state.pending = 'book';
    turn.ask(`I can book ${when} for ${state.draft.name}, and text the confirmation to the number ending in ${lastFour(state.draft.phone)}. Shall I book it?`, 'confirmation');
  }

  /** The caller answers "shall I book / move it?". Returns false when the utterance is not about that. */
  private async onConfirmSlot(turn: Turn, heard: Understood, desk: BusinessDesk): Promise<boolean> {
    const { state } = turn;
    if (!state.offer) return false;
    const changes = heard.date || heard.time || heard.timeRange;
    if (changes || heard.phone || (heard.name && heard.name !== state.draft.name)) {
      // "No wait, make it 3:30", "text 212…", "it's for Maria": change what was offered and offer again.
      this.merge(state, heard);
      if (changes && !heard.time && !heard.timeRange && heard.date) delete state.draft.time;
      state.pending = null;
      state.misses = 0;
      await this.advanceBooking(turn, desk);
      return true;
    }
    if (heard.answer === 'no') {
      await desk.release();
      state.offer = null;
      state.pending = null;
      state.misses = 0;
      delete state.draft.time;
      delete state.draft.date;
      turn.ask('No problem. What day and time would suit you better?', 'datetime');
      return true;
    }
    if (heard.answer !== 'yes') return false;
    state.misses = 0;
    const slot = state.offer;
    const result = state.pending === 'reschedule' && state.existing
      ? await desk.reschedule(state.existing.id, slot)
      : await desk.book(slot, { name: state.draft.name!, phone: state.draft.phone! });
    if (!result.ok) {
      state.pending = null;
      if (result.reason === 'refused') {
        this.cannotAnswer(turn, "I'm sorry, I can't make that booking right now.");
        return true;
      }
      await this.offerAlternatives(turn, desk, slot, `I'm sorry, ${spokenTime(slot.time)} on ${spokenDate(slot.date)} was just taken.`);
      return true;
    }
    const appointment = result.appointment;
    const moved = state.pending === 'reschedule';
    turn.record.outcome = moved ? 'rescheduled' : 'booked';
    turn.record.appointmentId = appointment.id;
    state.offer = null;
    state.pending = null;
    state.existing = moved ? appointment : null;
    state.draft = { phone: state.draft.phone, name: state.draft.name };
    const when = spokenWhen(appointment.date, appointment.time);
    turn.say(
      moved ? `Done. Your appointment is now on ${when}.` : `You're all set for ${when}.`,
      `Your confirmation code is ${spelledCode(appointment.code)}.`,
      ...(moved ? [] : ["I'll text you the details as well."]),
    );
    this.anythingElse(turn);
    return true;
  }

  private async onAlternative(turn: Turn, heard: Understood, desk: BusinessDesk): Promise<boolean> {
    const { state } = turn;
    const [first, second] = state.alternatives;
    if (!first) return false;
    const named = state.alternatives.find((s) => heard.time === s.time && (!heard.date || heard.date === s.date));
    if (named || (heard.answer === 'yes' && !heard.time && !heard.date)) {
      // "Yes" / "the first one" takes the first, "the later one" the second; naming one's time takes that one.
      const pick = named ?? (heard.choice === 'second' && second ? second : first);
      state.pending = null;
      state.misses = 0;
      await this.offer(turn, pick, desk);
      return true;
    }
    if (heard.date || heard.time || heard.timeRange) {
      this.merge(state, heard);
      state.pending = null;
      state.misses = 0;
      await this.advanceBooking(turn, desk);
      return true;
    }
    if (heard.name && !heard.answer) {
      // "It's for Jordan": keep the name, and the question still stands.
      state.draft.name = heard.name;
      state.misses = 0;
      turn.say(`Thank you, ${heard.name}.`).ask(state.question, 'confirmation');
      return true;
    }
    if (heard.answer === 'no') {
      state.pending = null;
      state.alternatives = [];
      state.misses = 0;
      delete state.draft.time;
      delete state.draft.date;
      turn.ask('No problem. What day and time would suit you better?', 'datetime');
      return true;
    }
    return false;
  }

  private async onConfirmCancel(turn: Turn, heard: Understood, desk: BusinessDesk): Promise<boolean> {
    const { state } = turn;
    if (!state.existing || !heard.answer) return false;
    state.pending = null;
    state.misses = 0;
    if (heard.answer === 'no') {
      turn.say("Okay, I've left your appointment as it is.");
      this.anythingElse(turn);
      return true;
    }
    await desk.cancel(state.existing.id);
    turn.record.outcome = 'cancelled';
    turn.record.appointmentId = state.existing.id;
    turn.say(`Done. Your appointment on ${spokenWhen(state.existing.date, state.existing.time)} is cancelled.`);
    state.existing = null;
    this.anythingElse(turn);
    return true;
  }
}
