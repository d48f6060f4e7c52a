import type { AppConfig, Logger } from '@ringlypro/core';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import type { RateLimitStore } from './rate-limit-store';
import { WebhookBudget } from './webhook-budget';

/** The real in-memory store, with every hit it receives recorded (weights), or made to fail. */
class RecordingStore extends MemoryRateLimitStore {
  readonly weights: number[] = [];
  failing = false;

  override hit(key: string, weight: number, limit: number, windowMs: number, blockMs: number) {
    this.weights.push(weight);
    if (this.failing) return Promise.reject(new Error('store down'));
    return super.hit(key, weight, limit, windowMs, blockMs);
  }
}

const silent = { warn: () => undefined } as unknown as Logger;
const budgetOf = (store: RateLimitStore, perMinute: number) =>
  new WebhookBudget(store, { rateLimits: { webhooksPerMinute: perMinute } } as unknown as AppConfig, silent);
const settle = (promises: Array<Promise<void>>) => Promise.all(promises.map((p) => p.then(() => 'ok', (e: { status?: number }) => e.status ?? 'error')));

describe('WebhookBudget', () => {
  it('counts webhooks one by one when they come one at a time, and refuses the one past the limit', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 3);
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(...(await settle([budget.consume()])));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 429]);
    expect(store.weights).toEqual([1, 1, 1, 1]);
  });

  it('spends concurrent webhooks as weighted hits of at most 16, sent together', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 1000);
    const outcomes = await settle(Array.from({ length: 50 }, () => budget.consume()));
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
    // The first goes alone (nothing was in flight); the 49 that arrived meanwhile go as 16 + 16 + 16 + 1.
    expect(store.weights).toEqual([1, 16, 16, 16, 1]);
  });

  it('refuses a whole group that overflows, then refuses without asking the store until the block ends', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 10);
    await settle(Array.from({ length: 5 }, () => budget.consume())); // hits 1 + 4 = 5
    const overflowing = await settle(Array.from({ length: 10 }, () => budget.consume()));
    // The first goes alone (6 of 10), the nine behind it together (15): all nine refused, though four would fit.
    expect(overflowing).toEqual(['ok', ...Array(9).fill(429)]);
    const asked = store.weights.length;
    expect(await settle([budget.consume()])).toEqual([429]);
    expect(store.weights.length).toBe(asked);
  });

  it('lets webhooks through when the store is unreachable: a limiter outage is not a call outage', async () => {
    const store = new RecordingStore();
    store.failing = true;
    const budget = budgetOf(store, 1);
    expect(await settle([budget.consume(), budget.consume(), budget.consume()])).toEqual(['ok', 'ok', 'ok']);
  });
});
