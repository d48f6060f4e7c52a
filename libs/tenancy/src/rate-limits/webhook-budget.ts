import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, LOGGER, type Logger, TooManyRequestsError } from '@ringlypro/core';
import { RateBucket } from './rate-limit-buckets';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store';

const MINUTE_MS = 60_000;
/**
 * Webhooks per weighted hit at most. A hit that overflows the budget is refused whole, so this bounds
 * how many webhooks the limit can refuse early; more waiting webhooks go as several hits at once.
 */
const MAX_GROUP = 16;

interface Waiting {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The one platform-wide budget of Twilio webhooks (RATE_LIMIT_WEBHOOKS_PER_MINUTE), spent only by
 * requests whose X-Twilio-Signature has been verified: the signature guard calls it after its check.
 * Counted before the signature, anonymous junk from anywhere could spend the budget and silence
 * Rachel for every business; a forged request is refused (403) without costing anything here.
 *
 * Spent in groups: while one hit is on its way to the store, the webhooks that arrive meanwhile wait
 * and go together as the next hits, weighted by their number (at most MAX_GROUP a hit, sent at once).
 * A lone webhook is counted alone and at once, as before; under load, fifty concurrent webhooks cost
 * five store commands in two round trips instead of fifty round trips (the budget was a tenth of a webhook's
 * CPU with no database work at all). A group that overflows the budget is refused whole — at the
 * limit, up to MAX_GROUP − 1 webhooks early, never one late.
 * A block the store reports is remembered until it ends, so while blocked nothing goes to the store.
 */
@Injectable()
export class WebhookBudget {
  private waiting: Waiting[] = [];
  private spending = false;
  private blockedUntil = 0;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  consume(): Promise<void> {
    const blockedFor = this.blockedUntil - Date.now();
    if (blockedFor > 0) return Promise.reject(this.refusal(blockedFor));
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.spending) void this.spend();
    });
  }

  /** Sends what waits as weighted hits (MAX_GROUP webhooks each, at once), then what gathered meanwhile, until none waits. */
  private async spend(): Promise<void> {
    this.spending = true;
    try {
      while (this.waiting.length > 0) {
        const waiting = this.waiting;
        this.waiting = [];
        const groups: Waiting[][] = [];
        for (let i = 0; i < waiting.length; i += MAX_GROUP) groups.push(waiting.slice(i, i + MAX_GROUP));
        await Promise.all(groups.map((group) => this.spendGroup(group)));
      }
    } finally {
      this.spending = false;
    }
  }

  private async spendGroup(group: Waiting[]): Promise<void> {
    let outcome;
    try {
      outcome = await this.store.hit(`${RateBucket.Webhooks}:all`, group.length, this.config.rateLimits.webhooksPerMinute, MINUTE_MS, MINUTE_MS);
    } catch (error) {
      // A limiter outage must not become an outage of the calls.
      this.log.warn({ err: error }, 'webhook rate-limit counter unavailable; not limiting');
      for (const w of group) w.resolve();
      return;
    }
    if (!outcome.blocked) {
      for (const w of group) w.resolve();
      return;
    }
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + outcome.blockEndsInMs);
    for (const w of group) w.reject(this.refusal(outcome.blockEndsInMs));
  }

  private refusal(blockEndsInMs: number): TooManyRequestsError {
    const seconds = Math.max(1, Math.ceil(blockEndsInMs / 1000));
    return new TooManyRequestsError(`Too many webhook requests platform-wide; try again in ${seconds} seconds`, seconds);
  }
}
