import type { Clock } from '@ringlypro/core';
import { ConversationStore, type StoredConversation } from './conversation-store';

/**
 * Conversations in process memory, for the embedded single-process default. Entries are stored as JSON
 * (what Redis would hold, so nothing works here that would not work there) and expire like Redis keys;
 * expired entries are swept as new ones arrive.
 */
export class MemoryConversationStore extends ConversationStore {
  private readonly entries = new Map<string, { json: string; expiresAt: number }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async get(callSid: string): Promise<StoredConversation | null> {
    const entry = this.entries.get(callSid);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(callSid);
      return null;
    }
    return JSON.parse(entry.json) as StoredConversation;
  }

  async put(callSid: string, conversation: StoredConversation, ttlSeconds: number): Promise<void> {
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.entries.set(callSid, { json: JSON.stringify(conversation), expiresAt: now + ttlSeconds * 1000 });
  }

  async delete(callSid: string): Promise<void> {
    this.entries.delete(callSid);
  }

  async claim(callSid: string, turn: number, ttlSeconds: number): Promise<boolean> {
    // Check and set with no await between them: the event loop makes this atomic, like Redis's SET NX.
    const key = `claim:${callSid}:${turn}`;
    const now = this.clock.now().getTime();
    const held = this.entries.get(key);
    if (held && held.expiresAt > now) return false;
    this.entries.set(key, { json: 'true', expiresAt: now + ttlSeconds * 1000 });
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
