import type { Conversation } from '../dialogue/conversation';

/**
 * One call's conversation as stored between webhooks: the dialogue state after the last answered turn
 * and the TwiML that answered it, so a retried webhook of that turn gets the same answer instead of
 * advancing the dialogue twice.
 */
export interface StoredConversation {
  state: Conversation;
  /** The calls row of this call (transcript lines reference it). */
  callId: number;
  /** The turn number `reply` answered (0 = the greeting). */
  answeredTurn: number;
  twiml: string;
}

/**
 * Where conversations live between webhooks, keyed by CallSid, expiring after a quiet period so
 * abandoned calls clean themselves up. Redis when configured (every replica sees every call), process
 * memory on the embedded default. Both adapters pass one contract test.
 */
export abstract class ConversationStore {
  abstract get(callSid: string): Promise<StoredConversation | null>;
  abstract put(callSid: string, conversation: StoredConversation, ttlSeconds: number): Promise<void>;
  abstract delete(callSid: string): Promise<void>;
  /**
   * Claims the work on one turn of one call: true for the first claimant only, so a webhook Twilio
   * re-sends while the first is still being answered does not run the turn a second time.
   */
  abstract claim(callSid: string, turn: number, ttlSeconds: number): Promise<boolean>;
  /** Releases connections (Nest calls it at shutdown through the module). */
  abstract close(): Promise<void>;
}
