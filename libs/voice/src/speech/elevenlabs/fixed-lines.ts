import type { AppointmentSummary, BookResult, CheckResult, LocalSlot } from '../../dialogue/business-desk';
import { BusinessDesk } from '../../dialogue/business-desk';
import type { BusinessProfile, Conversation } from '../../dialogue/conversation';
import type { DialogueEngine } from '../../dialogue/dialogue-engine';

/**
 * Rachel's fixed lines for one business — every line she may say that depends only on the business
 * (greeting, prompts, apologies, hours, address, prices, goodbyes), never on the caller or the day —
 * found by driving the dialogue engine itself rather than copying its strings, so they can never drift
 * from what a call says.
 *
 * Scripted calls cover each path (questions, booking, cancelling, messages, misses, hand-over). Each
 * script runs twice as two different callers on two different days with different appointments; a
 * line said in both runs is fixed, and anything carrying a name, a phone digit, a date or a code
 * differs between them and is left out (it renders on demand, and expires once idle).
 */
interface Run {
  caller: string;
  name: string;
  now: Date;
  /** The caller's upcoming appointment, for the cancel path. */
  appointment: AppointmentSummary;
}

const RUNS: [Run, Run] = [
  {
    caller: '+13105550199',
    name: 'Maria Lopez',
    now: new Date('2026-03-03T15:00:00Z'),
    appointment: { id: 11, date: '2026-03-05', time: '10:00', code: 'K7P2QM4X', name: 'Maria Lopez' },
  },
  {
    caller: '+16465550123',
    name: 'Jordan Smith',
    now: new Date('2026-08-18T16:00:00Z'),
    appointment: { id: 42, date: '2026-08-21', time: '15:30', code: 'B9C3RT7W', name: 'Jordan Smith' },
  },
];

/** What callers say; '{name}' is the run's caller name, null silence. `withheld`: no caller ID. */
const SCRIPTS: Array<{ said: Array<string | null>; withheld?: boolean; hasAppointment?: boolean }> = [
  { said: ['What are your hours?', 'yes', 'Where are you located?', 'yes', 'How much does it cost?', 'no'] },
  { said: [null, 'blorp', 'zzz'] },
  { said: ['I would like to leave a message', 'Please call me back about my order.'] },
  { said: ['Can I speak to a person?'] },
  { said: ['I want to cancel my appointment'] },
  { said: ['I want to cancel my appointment', 'no', 'goodbye'], hasAppointment: true },
  { said: ['I want to book an appointment', 'tomorrow at 11 am', 'my name is {name}', 'yes', 'no'] },
  { said: ['I want to book an appointment', 'tomorrow at 11 am', 'my name is {name}', 'no'] },
  { said: ['I want to book an appointment', 'tomorrow at 11 am', 'my name is {name}'], withheld: true },
];

/** A desk that says yes to everything: the scripts explore what Rachel says, not the calendar. */
class ScriptDesk extends BusinessDesk {
  constructor(private readonly run: Run, private readonly hasAppointment: boolean) {
    super();
  }
  async check(): Promise<CheckResult> {
    return { ok: true };
  }
  async nextFree(preferred: { date: string; time?: string }): Promise<LocalSlot[]> {
    return [{ date: preferred.date, time: preferred.time ?? '11:00' }];
  }
  async hold(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
  async book(slot: LocalSlot, customer: { name: string }): Promise<BookResult> {
    return { ok: true, appointment: { ...this.run.appointment, ...slot, name: customer.name } };
  }
  async nextAppointment(): Promise<AppointmentSummary | null> {
    return this.hasAppointment ? this.run.appointment : null;
  }
  async cancel(): Promise<void> {}
  async reschedule(_id: number, slot: LocalSlot): Promise<BookResult> {
    return { ok: true, appointment: { ...this.run.appointment, ...slot } };
  }
  async secondsLeft(): Promise<number> {
    return 3600;
  }
}

async function linesOf(engine: DialogueEngine, business: BusinessProfile, run: Run): Promise<string[]> {
  const lines: string[] = [];
  for (const script of SCRIPTS) {
    const desk = new ScriptDesk(run, script.hasAppointment ?? false);
    const opening = engine.start({ callSid: 'CAprerender', clientId: 0, caller: script.withheld ? 'anonymous' : run.caller }, business);
    lines.push(...opening.lines);
    let state: Conversation = opening.state;
    for (const said of script.said) {
      if (state.finished) break;
      const speech = said?.replace('{name}', run.name) ?? null;
      const result = await engine.reply(state, { speech, confidence: 0.9 }, desk, run.now);
      lines.push(...result.lines);
      state = result.state;
    }
  }
  return lines;
}

export async function fixedLines(engine: DialogueEngine, business: BusinessProfile): Promise<string[]> {
  const [first, second] = await Promise.all(RUNS.map((run) => linesOf(engine, business, run)));
  const inSecond = new Set(second);
  return [...new Set(first.filter((line) => inSecond.has(line)))];
}
