import Redis from 'ioredis';
import { ConversationStore, type StoredConversation } from './conversation-store';

/** How long a turn waits for Redis before the webhook falls back to the owner (well inside Twilio's 15 s). */
const COMMAND_TIMEOUT_MS = 1500;

/**
 * Conversations in Redis under `<QUEUE_PREFIX>:conversation:<CallSid>` with a TTL, so every replica
 * can answer any turn of any call and an abandoned call's state expires on its own. Commands fail fast
 * when Redis is unreachable (no offline queue), so a webhook can still answer in time.
 */
export class RedisConversationStore extends ConversationStore {
  private readonly redis: Redis;
  private connecting: Promise<void> | null = null;

  constructor(url: string, private readonly prefix: string) {
    super();
    this.redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, enableAutoPipelining: true });
    // Reconnection is ioredis's job; a failed command surfaces to the caller. This only keeps an
    // unreachable Redis from becoming an unhandled 'error' event.
    this.redis.on('error', () => undefined);
  }

  private key(callSid: string): string {
    return `${this.prefix}:conversation:${callSid}`;
  }

  /** Connects on first use; concurrent first uses share the one connection attempt. */
  private async ready(): Promise<Redis> {
    if (this.redis.status === 'wait') this.connecting ??= this.redis.connect().finally(() => (this.connecting = null));
    if (this.connecting) await this.connecting;
    return this.redis;
  }

  async get(callSid: string): Promise<StoredConversation | null> {
    const json = await (await this.ready()).get(this.key(callSid));
    return json ? (JSON.parse(json) as StoredConversation) : null;
  }

  async put(callSid: string, conversation: StoredConversation, ttlSeconds: number): Promise<void> {
    await (await this.ready()).set(this.key(callSid), JSON.stringify(conversation), 'EX', ttlSeconds);
  }

  async delete(callSid: string): Promise<void> {
    await (await this.ready()).del(this.key(callSid));
  }

  async claim(callSid: string, turn: number, ttlSeconds: number): Promise<boolean> {
    const claimed = await (await this.ready()).set(`${this.key(callSid)}:claim:${turn}`, '1', 'EX', ttlSeconds, 'NX');
    return claimed === 'OK';
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
