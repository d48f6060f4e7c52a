import { HotClips } from './hot-clips';

describe('HotClips', () => {
  let now = 0;
  const clip = (size: number, fill = 1) => Buffer.alloc(size, fill);

  beforeEach(() => {
    now = 0;
  });

  it('keeps the most recently used clips within its byte bound, least recently used out first', () => {
    const hot = new HotClips(800, 60_000, () => now);
    hot.set('a', clip(100, 1), 0);
    hot.set('b', clip(100, 2), 0);
    hot.set('c', clip(100, 3), 0);
    expect(hot.get('a')?.audio).toEqual(clip(100, 1)); // a is now the most recent
    for (let i = 0; i < 6; i++) hot.set(`x${i}`, clip(100), 0);
    // 9 × 100 bytes > 800: the least recently used one (b) went.
    expect(hot.get('b')).toBeNull();
    expect(hot.get('a')).not.toBeNull();
    expect(hot.get('c')).not.toBeNull();
  });

  it('forgets a clip after its time limit, refuses one too big for it, and deletes on request', () => {
    const hot = new HotClips(800, 60_000, () => now);
    hot.set('a', clip(100), 0);
    hot.set('huge', clip(101), 0);
    expect(hot.get('huge')).toBeNull();
    now = 59_999;
    expect(hot.get('a')).not.toBeNull();
    now = 60_000;
    expect(hot.get('a')).toBeNull();
    hot.set('b', clip(100), 0);
    hot.delete('b');
    expect(hot.get('b')).toBeNull();
  });

  it('remembers when the shared store last recorded a serve', () => {
    const hot = new HotClips(800, 60_000, () => now);
    hot.set('a', clip(10), 5);
    expect(hot.get('a')?.touchedAt).toBe(5);
    hot.touched('a', 70);
    expect(hot.get('a')?.touchedAt).toBe(70);
  });
});
