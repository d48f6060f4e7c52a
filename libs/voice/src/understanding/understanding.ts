/**
 * The Understanding port: turns one caller utterance into what the dialogue needs. The rule adapter
 * (rules + chrono-node) is the default; a language-model adapter may later replace or assist it without
 * the dialogue changing. Everything here is plain data: no TwiML, no database, no clock of its own.
 */

/** What the caller wants. `null` in `Understood.intent` means the utterance stated no goal. */
export type Intent =
  | 'book'
  | 'cancel'
  | 'reschedule'
  | 'lookup' // "when is my appointment?"
  | 'hours'
  | 'location'
  | 'pricing' // pricing and services
  | 'message' // leave a message
  | 'person' // speak to a person
  | 'goodbye'
  | 'unknown'; // said something, but nothing recognisable

/** What Rachel last asked, so a bare answer ("at 2", "yes", "John") is read in that light. */
export type Expectation = 'intent' | 'date' | 'time' | 'datetime' | 'name' | 'confirmation' | 'phone' | 'message' | 'anything_else';

export interface UnderstandingContext {
  /** The instant of the utterance (the injected clock; tests stand on fixed dates and DST days). */
  now: Date;
  /** The business's IANA time zone: relative dates ("tomorrow", "this Friday") resolve in it. */
  timezone: string;
  /** Local 'HH:MM' opening and closing: a bare hour ("at 2") resolves into these (14:00 for 9–17). */
  businessHours: { start: string; end: string };
  expecting: Expectation;
}

/** A local wall-clock range, for parts of the day ("tomorrow morning") and approximate times. */
export interface TimeRange {
  /** 'HH:MM' local, inclusive. */
  from: string;
  /** 'HH:MM' local, exclusive. */
  to: string;
}

export interface Understood {
  /** The caller's goal if the utterance states one (in the middle of booking, usually null). */
  intent: Intent | null;
  /** Affirmation or rejection ("yeah", "that works" / "nope"); absent when neither. */
  answer?: 'yes' | 'no';
  /** 'YYYY-MM-DD' in the business's time zone; with corrections, the last one said. */
  date?: string;
  /** 'HH:MM' (24 h) local; with corrections, the last one said. */
  time?: string;
  /** true when the time was hedged ("around 3", "3-ish"). */
  approximate?: boolean;
  /**
   * A part of the day or hedged span when no exact time was given ("in the afternoon" → 12:00–17:00,
   * "after 3" → 15:00–closing, "between 2 and 4"). A hedged time ("around 3") comes with both: `time`
   * 15:00, `approximate`, and `timeRange` 14:30–15:30 to search in. Without `approximate`, `time` and
   * `timeRange` never come together.
   */
  timeRange?: TimeRange;
  /** The caller's name when given ("my name is…", "this is…", or a bare name when one was asked for). */
  name?: string;
  /**
   * Which of two offered times the caller took by position ("the first one", "the earlier one" →
   * 'first'; "the second", "the later one", "the other one" → 'second'). Only read when Rachel asked
   * a yes/no question, and always with `answer: 'yes'` (taking an offer is a yes).
   */
  choice?: 'first' | 'second';
  /** A phone number the caller spoke, as E.164 (North American numbers without +1 are completed). */
  phone?: string;
  /** The utterance with fillers trimmed, as taken down for a message. */
  text: string;
}

export abstract class Understanding {
  abstract understand(utterance: string, context: UnderstandingContext): Understood;
}
