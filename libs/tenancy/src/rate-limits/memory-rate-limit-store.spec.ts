import { MemoryRateLimitStore } from './memory-rate-limit-store';

describe('MemoryRateLimitStore', () => {
  let now = 1_000_000;
  const store = () => new MemoryRateLimitStore(() => now);

  it('adds weights, refuses past the limit, and blocks for the block duration', async () => {
    const s = store();
    expect(await s.hit('k', 4, 10, 60_000, 30_000)).toMatchObject({ hits: 4, blocked: false });
    expect(await s.hit('k', 6, 10, 60_000, 30_000)).toMatchObject({ hits: 10, blocked: false });
    expect(await s.hit('k', 1, 10, 60_000, 30_000)).toMatchObject({ hits: 11, blocked: true, blockEndsInMs: 30_000 });
    now += 10_000;
    expect(await s.hit('k', 1, 10, 60_000, 30_000)).toMatchObject({ blocked: true, blockEndsInMs: 20_000 });
    expect(await s.hit('other', 1, 10, 60_000, 30_000)).toMatchObject({ hits: 1, blocked: false });
  });

  it('starts a fresh window once the old one and the block have passed', async () => {
    const s = store();
    await s.hit('k', 11, 10, 60_000, 60_000);
    now += 60_001;
    expect(await s.hit('k', 1, 10, 60_000, 60_000)).toMatchObject({ hits: 1, blocked: false, windowResetsInMs: 60_000 });
  });
});
