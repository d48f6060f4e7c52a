/** What one weighted hit on a counter found. */
export interface RateLimitOutcome {
  /** The counter after this hit (the hit is not counted while the key is blocked). */
  hits: number;
  /** The request is refused. */
  blocked: boolean;
  /** Milliseconds until the counter's window resets. */
  windowResetsInMs: number;
  /** Milliseconds until the block lifts (0 if not blocked). */
  blockEndsInMs: number;
}

/**
 * A fixed-window counter with a block after overflow, where a hit can weigh more than one (an
 * availability range costs more than a contact read). @nestjs/throttler's storage interface counts
 * in ones, so the guard talks to this interface and each adapter implements it once.
 */
export abstract class RateLimitStore {
  abstract hit(key: string, weight: number, limit: number, windowMs: number, blockMs: number): Promise<RateLimitOutcome>;
}

export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
