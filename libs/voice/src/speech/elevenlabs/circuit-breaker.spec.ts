import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('stays closed until failures in a row reach the threshold; a success resets the count', () => {
    const b = breaker();
    b.failure();
    b.failure();
    b.success();
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    expect(b.allows()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allows()).toBe(false);
  });

  it('after the cool-down lets exactly one trial through; success closes, failure re-opens for another cool-down', () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) b.failure();
    now = 999;
    expect(b.allows()).toBe(false);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(false);
    b.failure();
    expect(b.state).toBe('open');
    now = 1999;
    expect(b.allows()).toBe(false);
    now = 2000;
    expect(b.allows()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allows()).toBe(true);
    expect(b.allows()).toBe(true);
  });
});
