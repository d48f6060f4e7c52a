import { RedisRateLimitStore } from './redis-rate-limit-store';

describe('RedisRateLimitStore', () => {
  it('fails within about a second when Redis is unreachable, so the guard can let the request through', async () => {
    const store = RedisRateLimitStore.connect('redis://127.0.0.1:1', 'unit');
    const started = Date.now();
    try {
      await expect(store.hit('tenant:client:1', 1, 10, 60_000, 60_000)).rejects.toBeDefined();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await store.close();
    }
  });
});
