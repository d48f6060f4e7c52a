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
    // The first goes alone (nothing was in flight); the 49 that arrived meanwhile go as 16 + 16 + 16 + 1,
    // counted exactly: concurrent webhooks share hits, they lease nothing.
    expect(store.weights).toEqual([1, 16, 16, 16, 1]);
  });

  const sequentially = async (budget: WebhookBudget, n: number) => {
    const outcomes = [];
    for (let i = 0; i < n; i++) outcomes.push(...(await settle([budget.consume()])));
    return outcomes;
  };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  it('leases ahead under steady traffic far below the budget: a few store hits for a thousand webhooks, each counted before it passes', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 1_000_000);
    const outcomes = await sequentially(budget, 1000);
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
    expect(store.weights.length).toBeLessThan(15);
    // Counted ahead, never behind: at most the last lease (256 at most) is not spent yet.
    expect(sum(store.weights)).toBeGreaterThanOrEqual(1000);
    expect(sum(store.weights) - 1000).toBeLessThanOrEqual(256);
  });

  it('near the limit counts every webhook as it comes, and lets none past it', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 1000);
    const outcomes = await sequentially(budget, 1100);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1000);
    expect(outcomes.slice(1000).every((o) => o === 429)).toBe(true);
    // Once the count passed 90 % of the budget, hits weigh one webhook each.
    let counted = 0;
    const late = store.weights.filter((w) => (counted += w) > 900 + 10);
    expect(late.length).toBeGreaterThan(80);
    expect(late.every((w) => w === 1)).toBe(true);
  });

  it("spends no credit once the store's window has reset: the next webhook is counted in the new window", async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T15:00:00Z'), doNotFake: ['setImmediate'] });
    try {
      const store = new RecordingStore();
      const budget = budgetOf(store, 1_000_000);
      await sequentially(budget, 10);
      expect(sum(store.weights)).toBeGreaterThan(10); // a lease is out
      jest.setSystemTime(new Date('2026-11-30T15:01:00.001Z'));
      const hits = store.weights.length;
      expect(await sequentially(budget, 1)).toEqual(['ok']);
      expect(store.weights.slice(hits)).toEqual([1]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets webhooks through on credit together, at the end of the turn of the event loop they came in', async () => {
    const store = new RecordingStore();
    const budget = budgetOf(store, 1_000_000);
    // Until a lease leaves credit for three more (counted in the store, not yet spent).
    let spent = 0;
    while (sum(store.weights) - spent < 3) spent += (await sequentially(budget, 1)).length;
    const hits = store.weights.length;
    const passed: number[] = [];
    const all = [1, 2, 3].map((n) => budget.consume().then(() => passed.push(n)));
    await Promise.resolve();
    expect(passed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(all);
    expect(passed).toEqual([1, 2, 3]);
    expect(store.weights.length).toBe(hits);
  });

  it('a lone webhook now and then is counted alone: nothing is leased without a rate to size it', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T15:00:00Z'), doNotFake: ['setImmediate'] });
    try {
      const store = new RecordingStore();
      const budget = budgetOf(store, 1_000_000);
      for (let i = 0; i < 5; i++) {
        expect(await sequentially(budget, 1)).toEqual(['ok']);
        jest.advanceTimersByTime(2000);
      }
      expect(store.weights).toEqual([1, 1, 1, 1, 1]);
    } finally {
      jest.useRealTimers();
    }
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
