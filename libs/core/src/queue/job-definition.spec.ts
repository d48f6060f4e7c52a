import { backoffDelayMs } from './job-definition';

describe('backoffDelayMs', () => {
  it('doubles the delay after each failure, as Bull does', () => {
    const policy = { attempts: 5, backoff: { type: 'exponential' as const, delayMs: 1000 } };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('keeps a fixed delay fixed', () => {
    expect(backoffDelayMs({ attempts: 3, backoff: { type: 'fixed', delayMs: 500 } }, 3)).toBe(500);
  });
});
