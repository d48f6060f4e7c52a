import Redis from 'ioredis';
import type { RateLimitOutcome, RateLimitStore } from './rate-limit-store';

/**
 * One round trip, atomic across API replicas: refuse while the block key lives; otherwise add the
 * weight, start the window on the first hit, and on overflow set the block key.
 * Returns { hits, windowTtlMs, blockTtlMs }, blockTtlMs > 0 meaning refused.
 */
const HIT_SCRIPT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), blocked } end
local weight = tonumber(ARGV[1])
local hits = redis.call('INCRBY', KEYS[1], weight)
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if hits > tonumber(ARGV[3]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[4])
  return { hits, ttl, tonumber(ARGV[4]) }
end
return { hits, ttl, 0 }
`;

const COMMAND_TIMEOUT_MS = 500;

/**
 * Counters in Redis under `<QUEUE_PREFIX>:rate-limit:`, so every replica of one deployment shares
 * them and two deployments sharing a Redis never do.
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('ringlyproRateLimitHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
  }

  /**
   * A hit waits at most COMMAND_TIMEOUT_MS (covering the first connection), so with Redis unreachable
   * a request is delayed by that much, never hung; the guard then lets it through.
   */
  static connect(url: string, keyPrefix: string): RedisRateLimitStore {
    const redis = new Redis(url, { commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1, enableAutoPipelining: true });
    // Connection errors surface on each hit (the guard logs them); without a listener ioredis prints them unhandled.
    redis.on('error', () => undefined);
    return new RedisRateLimitStore(redis, keyPrefix);
  }

  async hit(key: string, weight: number, limit: number, windowMs: number, blockMs: number): Promise<RateLimitOutcome> {
    const counterKey = `${this.keyPrefix}:rate-limit:${key}`;
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<[number, number, number]>>).ringlyproRateLimitHit;
    const [hits, windowTtlMs, blockTtlMs] = await run.call(this.redis, counterKey, `${counterKey}:blocked`, weight, windowMs, limit, blockMs);
    return { hits, blocked: blockTtlMs > 0, windowResetsInMs: Math.max(0, windowTtlMs), blockEndsInMs: Math.max(0, blockTtlMs) };
  }

  /** QUIT when connected; otherwise stop the reconnect loop at once, so shutdown never waits on Redis. */
  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
