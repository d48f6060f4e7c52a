import type { AdmissionDecision } from '@ringlypro/billing';
import { ConversationStore, type StoredConversation } from '@ringlypro/voice';

/**
 * Billing as the test wants it (the outside-billing seam): admit or refuse, and how many paid seconds
 * the call has left.
 */
export class ScriptedAdmission {
  admitted = true;
  seconds = Number.MAX_SAFE_INTEGER;
  readonly admissions: string[] = [];

  async admit(call: { callSid: string }): Promise<AdmissionDecision> {
    this.admissions.push(call.callSid);
    return this.admitted ? { admitted: true } : { admitted: false, reason: 'no_credit' };
  }

  async secondsLeft(): Promise<number> {
    return this.seconds;
  }

  readonly handOffs: string[] = [];

  async handOff(callSid: string): Promise<void> {
    this.handOffs.push(callSid);
  }
}

/** The real store (Redis or memory), which the test can make unreachable mid-call. */
export class BreakableStore extends ConversationStore {
  broken = false;

  constructor(private readonly inner: ConversationStore) {
    super();
  }

  private check(): void {
    if (this.broken) throw new Error('connect ECONNREFUSED 127.0.0.1:6379 (Redis is down)');
  }

  async get(callSid: string): Promise<StoredConversation | null> {
    this.check();
    return this.inner.get(callSid);
  }

  async put(callSid: string, conversation: StoredConversation, ttlSeconds: number): Promise<void> {
    this.check();
    return this.inner.put(callSid, conversation, ttlSeconds);
  }

  async delete(callSid: string): Promise<void> {
    this.check();
    return this.inner.delete(callSid);
  }

  async claim(callSid: string, turn: number, ttlSeconds: number): Promise<boolean> {
    this.check();
    return this.inner.claim(callSid, turn, ttlSeconds);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
