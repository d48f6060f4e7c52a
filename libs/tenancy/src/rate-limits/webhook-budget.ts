import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, LOGGER, type Logger, TooManyRequestsError } from '@ringlypro/core';
import { RateBucket } from './rate-limit-buckets';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store';

const MINUTE_MS = 60_000;

/**
 * The one platform-wide budget of Twilio webhooks (RATE_LIMIT_WEBHOOKS_PER_MINUTE), spent only by
 * requests whose X-Twilio-Signature has been verified: the signature guard calls it after its check.
 * Counted before the signature, anonymous junk from anywhere could spend the budget and silence
 * Rachel for every business; a forged request is refused (403) without costing anything here.
 */
@Injectable()
export class WebhookBudget {
  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async consume(): Promise<void> {
    let outcome;
    try {
      outcome = await this.store.hit(`${RateBucket.Webhooks}:all`, 1, this.config.rateLimits.webhooksPerMinute, MINUTE_MS, MINUTE_MS);
    } catch (error) {
      // A limiter outage must not become an outage of the calls.
      this.log.warn({ err: error }, 'webhook rate-limit counter unavailable; not limiting');
      return;
    }
    if (outcome.blocked) {
      const seconds = Math.max(1, Math.ceil(outcome.blockEndsInMs / 1000));
      throw new TooManyRequestsError(`Too many webhook requests platform-wide; try again in ${seconds} seconds`, seconds);
    }
  }
}
