import { LookupCache } from './lookup-cache';

interface Biz {
  id: number;
}

describe('LookupCache', () => {
  let now = 0;
  const make = (maxEntries = 3) => new LookupCache<Biz>({ maxEntries, ttlMs: 1000, negativeTtlMs: 100, now: () => now });
  const loader = (value: Biz | null) => {
    const load = jest.fn(async () => value);
    return load;
  };

  beforeEach(() => (now = 0));

  it('answers from the cache until the TTL, then loads again', async () => {
    const cache = make();
    const load = loader({ id: 1 });
    await cache.get('a', load, true);
    now = 999;
    await expect(cache.get('a', load, true)).resolves.toEqual({ id: 1 });
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await cache.get('a', load, true);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps "not found" only for the short negative TTL', async () => {
    const cache = make();
    const load = loader(null);
    await cache.get('x', load, true);
    now = 99;
    await cache.get('x', load, true);
    expect(load).toHaveBeenCalledTimes(1);
    now = 100;
    await cache.get('x', load, true);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stores nothing while told not to (no listener): every call loads', async () => {
    const cache = make();
    const load = loader({ id: 1 });
    await cache.get('a', load, false);
    await cache.get('a', load, false);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('never holds more than maxEntries, dropping the least recently used', async () => {
    const cache = make(2);
    await cache.get('a', loader({ id: 1 }), true);
    await cache.get('b', loader({ id: 2 }), true);
    await cache.get('a', loader({ id: 9 }), true); // touches a
    await cache.get('c', loader({ id: 3 }), true); // evicts b
    expect(cache.size).toBe(2);
    await expect(cache.get('a', loader({ id: 9 }), true)).resolves.toEqual({ id: 1 });
    await expect(cache.get('b', loader({ id: 22 }), true)).resolves.toEqual({ id: 22 });
  });

  it('invalidates the matching entries and every "not found", keeping the rest', async () => {
    const cache = make(10);
    await cache.get('n:1', loader({ id: 1 }), true);
    await cache.get('i:1', loader({ id: 1 }), true);
    await cache.get('n:2', loader({ id: 2 }), true);
    await cache.get('n:3', loader(null), true);
    cache.invalidate((b) => b.id === 1);
    expect(cache.size).toBe(1);
    await expect(cache.get('n:2', loader({ id: 99 }), true)).resolves.toEqual({ id: 2 });
  });

  it('does not store an answer loaded across an invalidation (it may predate the change)', async () => {
    const cache = make();
    let release!: (b: Biz) => void;
    const slow = cache.get('a', () => new Promise<Biz>((r) => (release = r)), true);
    cache.invalidate(() => true);
    release({ id: 1 }); // the old row, read before the change committed
    await expect(slow).resolves.toEqual({ id: 1 });
    const fresh = loader({ id: 2 });
    await expect(cache.get('a', fresh, true)).resolves.toEqual({ id: 2 });
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('passes a failed load through and caches nothing for it', async () => {
    const cache = make();
    await expect(cache.get('a', () => Promise.reject(new Error('db down')), true)).rejects.toThrow('db down');
    expect(cache.size).toBe(0);
  });
});

describe('LookupCache single flight', () => {
  const make = () => new LookupCache<Biz>({ maxEntries: 10, ttlMs: 1000, negativeTtlMs: 100 });

  it('runs one load for a burst of lookups of the same key', async () => {
    const cache = make();
    let release!: (b: Biz) => void;
    const load = jest.fn(() => new Promise<Biz>((r) => (release = r)));
    const burst = Array.from({ length: 20 }, () => cache.get('a', load, true));
    release({ id: 1 });
    await expect(Promise.all(burst)).resolves.toEqual(Array.from({ length: 20 }, () => ({ id: 1 })));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not hand a load that started before an invalidation to a caller that came after it', async () => {
    const cache = make();
    let releaseOld!: (b: Biz) => void;
    const old = cache.get('a', () => new Promise<Biz>((r) => (releaseOld = r)), true);
    cache.invalidate(() => true);
    const fresh = jest.fn(async () => ({ id: 2 }));
    const after = cache.get('a', fresh, true);
    releaseOld({ id: 1 });
    await expect(old).resolves.toEqual({ id: 1 });
    await expect(after).resolves.toEqual({ id: 2 });
    expect(fresh).toHaveBeenCalledTimes(1);
  });
});
