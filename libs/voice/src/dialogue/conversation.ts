import type { Expectation, Intent, TimeRange } from '../understanding/understanding';
import type { AppointmentSummary, LocalSlot } from './business-desk';

/** The business as Rachel talks about it; a snapshot taken when the call is answered. */
export interface BusinessProfile {
  name: string;
  greeting: string | null;
  timezone: string;
  /** 'HH:MM' local opening and closing. */
  hours: { start: string; end: string };
  /** getDay() numbers of open days. */
  openDays: number[];
  address: string | null;
  services: string | null;
  /** The business's ElevenLabs voice (null or absent: the platform default). How she sounds, not what she says. */
  voiceId?: string | null;
}

/** What "yes" would confirm right now. */
export type Pending = 'book' | 'cancel' | 'reschedule' | 'alternative' | 'help';

/**
 * Everything Rachel remembers about one call between webhooks (serialised to the ConversationStore).
 * Plain JSON: it crosses process boundaries through Redis.
 */
export interface Conversation {
  callSid: string;
  clientId: number;
  /** The caller's number (Twilio's From): where texts go unless they give another. */
  caller: string;
  business: BusinessProfile;
  /** Caller turns answered so far; the next Gather's action carries `turn + 1`. */
  turn: number;
  expecting: Expectation;
  /** Rachel's last question, repeated when the caller's answer was lost. */
  question: string;
  goal: Intent | null;
  /** Consecutive turns Rachel could not use (silence, gibberish). */
  misses: number;
  draft: { date?: string; time?: string; timeRange?: TimeRange; name?: string; phone?: string };
  /** The slot currently offered (and held) for this call. */
  offer: LocalSlot | null;
  /** The alternatives offered after a refusal; "the first one" / "yes" picks the first. */
  alternatives: LocalSlot[];
  /** The caller's existing appointment, for cancel / reschedule / lookup. */
  existing: AppointmentSummary | null;
  pending: Pending | null;
  /** Set once the conversation has handed the call on or said goodbye. */
  finished: boolean;
}

/** The caller's side of one turn, as Twilio reported it. */
export interface CallerTurn {
  /** Twilio's SpeechResult; empty or absent when the caller said nothing. */
  speech: string | null;
  /** Twilio's Confidence, 0–1. */
  confidence: number | null;
}

/** What the transport does after Rachel's lines. */
export type RachelAction =
  | { kind: 'listen' }
  | { kind: 'connect_owner' }
  | { kind: 'hangup' };

/** What the call record learns from a turn. */
export interface RecordUpdate {
  intent?: Intent;
  outcome?: 'booked' | 'cancelled' | 'rescheduled' | 'looked_up' | 'answered' | 'message' | 'owner' | 'hung_up';
  appointmentId?: number;
  /** A message taken down for the owner (the owner is texted). */
  callerMessage?: string;
}

export interface TurnResult {
  state: Conversation;
  lines: string[];
  action: RachelAction;
  record: RecordUpdate;
}
