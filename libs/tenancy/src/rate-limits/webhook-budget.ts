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
/** A lease is at most this share of the budget (and MAX_LEASE), so at most that many are counted early. */
const LEASE_SHARE = 0.01;
const MAX_LEASE = 256;
/** Leases only while the window's count, after the lease, stays below this share of the budget. */
const LEASE_HEADROOM = 0.9;
/** Webhooks spent within this long after the previous hit tell the rate a lease is sized for. */
const RATE_WINDOW_MS = 1000;

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
 *
 * Webhooks that come one after another — where grouping shares nothing — lease ahead instead: under
 * steady traffic far below the budget, a lone webhook's hit also counts up to twice the webhooks spent
 * since the previous hit (within RATE_WINDOW_MS), at most LEASE_SHARE of the budget or MAX_LEASE, and
 * the lone webhooks after it spend that credit with no store command — one Redis round trip per lease
 * instead of one per webhook, which at one connection was a third of a webhook that does no database
 * work. While a hit is out, webhooks wait for the next group as before, credit or not. Leased webhooks
 * are counted before they come, so the count is never late; no lease is taken while credit is left,
 * and credit lapses when the store's window resets (reckoned from when the hit was sent, so never
 * after), so at most one lease per process (LEASE_SHARE of the budget) is ever counted early. A lease
 * hit that times out may still have been counted while granting nothing: a slow store over-counts
 * lone webhooks, early, never late. Near the limit — the window's count after the lease above
 * LEASE_HEADROOM of the budget — every webhook is counted as it comes, as without leases.
 */
@Injectable()
export class WebhookBudget {
  private waiting: Waiting[] = [];
  private spending = false;
  private blockedUntil = 0;
  /** Webhooks counted in the store ahead of their coming, spendable until creditUntil. */
  private credit = 0;
  private creditUntil = 0;
  /** Webhooks let through on credit in this turn of the event loop, released together at its end. */
  private creditSpent: Waiting[] = [];
  /** Webhooks spent since the last hit was sent, and when that was: the rate a lease is sized for. */
  private spentSinceHit = 0;
  private lastHitAt = 0;
  /** The window's count as the last hit found it. */
  private lastCount = 0;

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  consume(): Promise<void> {
    const blockedFor = this.blockedUntil - Date.now();
    if (blockedFor > 0) return Promise.reject(this.refusal(blockedFor));
    this.spentSinceHit++;
    return new Promise<void>((resolve, reject) => {
      // Credit serves a webhook that would otherwise go to the store alone. While a hit is out, it
      // waits for the next group as before: groups already share hits among concurrent webhooks.
      if (!this.spending && this.spendCredit({ resolve, reject })) return;
      this.waiting.push({ resolve, reject });
      if (!this.spending) void this.spend();
    });
  }

  /**
   * Lets `w` through on leased credit, if any is left in the store's current window — with every other
   * webhook let through so in this turn of the event loop, at its end. Let through one by one as they
   * came, fifty concurrent webhooks with no database work were answered one by one too, each reply
   * waking its client apart: that cost the floor a quarter of its throughput at fifty connections,
   * where the store's answer used to release them in groups.
   */
  private spendCredit(w: Waiting): boolean {
    if (this.credit === 0 || Date.now() >= this.creditUntil) return false;
    this.credit--;
    this.creditSpent.push(w);
    if (this.creditSpent.length === 1) {
      setImmediate(() => {
        const spent = this.creditSpent;
        this.creditSpent = [];
        for (const each of spent) each.resolve();
      });
    }
    return true;
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
        const lease = this.leaseSize(waiting.length);
        await Promise.all(groups.map((group, i) => this.spendGroup(group, i === 0 ? lease : 0)));
      }
    } finally {
      this.spending = false;
    }
  }

  /**
   * Webhooks to count ahead with the next hit. Only a hit for one webhook leases (concurrent ones
   * share hits already), and only while no credit is left, so at most one lease is ever counted and
   * unspent; none for a lone webhook now and then (no rate to size it), or near the limit.
   */
  private leaseSize(sending: number): number {
    const now = Date.now();
    const recent = now - this.lastHitAt <= RATE_WINDOW_MS ? this.spentSinceHit : 0;
    this.lastHitAt = now;
    this.spentSinceHit = 0;
    if (sending !== 1 || (this.credit > 0 && now < this.creditUntil)) return 0;
    const limit = this.config.rateLimits.webhooksPerMinute;
    const lease = Math.min(2 * recent, MAX_LEASE, Math.floor(limit * LEASE_SHARE));
    return lease > 0 && this.lastCount + sending + lease <= limit * LEASE_HEADROOM ? lease : 0;
  }

  private async spendGroup(group: Waiting[], lease: number): Promise<void> {
    let outcome;
    // The store's window is measured from when it took the hit, at most this long ago.
    const sentAt = Date.now();
    try {
      outcome = await this.store.hit(`${RateBucket.Webhooks}:all`, group.length + lease, this.config.rateLimits.webhooksPerMinute, MINUTE_MS, MINUTE_MS);
    } catch (error) {
      // A limiter outage must not become an outage of the calls.
      this.log.warn({ err: error }, 'webhook rate-limit counter unavailable; not limiting');
      for (const w of group) w.resolve();
      return;
    }
    this.lastCount = outcome.hits;
    if (!outcome.blocked) {
      if (lease > 0) {
        this.credit = lease;
        this.creditUntil = sentAt + outcome.windowResetsInMs;
      }
      for (const w of group) w.resolve();
      return;
    }
    this.credit = 0;
    this.blockedUntil = Math.max(this.blockedUntil, Date.now() + outcome.blockEndsInMs);
    for (const w of group) w.reject(this.refusal(outcome.blockEndsInMs));
  }

  private refusal(blockEndsInMs: number): TooManyRequestsError {
    const seconds = Math.max(1, Math.ceil(blockEndsInMs / 1000));
    return new TooManyRequestsError(`Too many webhook requests platform-wide; try again in ${seconds} seconds`, seconds);
  }
}
