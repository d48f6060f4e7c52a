import type { RateLimitOutcome, RateLimitStore } from './rate-limit-store';

interface Counter {
  hits: number;
  windowEndsAt: number;
  blockedUntil: number;
}

/** Keys older than this are swept; bounds memory when many addresses pass through. */
const SWEEP_EVERY_MS = 60_000;

/** One process's counters, for embedded mode (no Redis): limits hold per API process. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = Date.now();

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, weight: number, limit: number, windowMs: number, blockMs: number): Promise<RateLimitOutcome> {
    const now = this.now();
    this.sweep(now);
    let counter = this.counters.get(key);
    if (counter && counter.blockedUntil > now) {
      return Promise.resolve({ hits: counter.hits, blocked: true, windowResetsInMs: Math.max(0, counter.windowEndsAt - now), blockEndsInMs: counter.blockedUntil - now });
    }
    if (!counter || counter.windowEndsAt <= now) {
      counter = { hits: 0, windowEndsAt: now + windowMs, blockedUntil: 0 };
      this.counters.set(key, counter);
    }
    counter.hits += weight;
    if (counter.hits > limit) counter.blockedUntil = now + blockMs;
    const blocked = counter.hits > limit;
    return Promise.resolve({ hits: counter.hits, blocked, windowResetsInMs: counter.windowEndsAt - now, blockEndsInMs: blocked ? blockMs : 0 });
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, counter] of this.counters) {
      if (counter.windowEndsAt <= now && counter.blockedUntil <= now) this.counters.delete(key);
    }
  }
}
