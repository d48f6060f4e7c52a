export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial request is let through. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * Stops asking a failing provider for a while: after `failureThreshold` failures in a row it opens and
 * allows() is false for `cooldownMs`; then one trial is let through (half-open) — a success closes it,
 * a failure opens it for another cool-down. While open, Rachel speaks with <Say> without waiting.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.failureThreshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** May a request go out now? In half-open state only one trial at a time. */
  allows(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.failures >= this.options.failureThreshold) this.openUntil = this.now() + this.options.cooldownMs;
  }
}

/** The breaker in front of ElevenLabs (a provider token, so tests can give it a short cool-down). */
export abstract class ElevenLabsBreaker extends CircuitBreaker {}
