import { FixedClock } from '@ringlypro/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioCacheSweeper } from './audio-cache-sweeper';
import { FileAudioCache } from './file-audio-cache';

describe('AudioCacheSweeper', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audio-sweeper-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('deletes idle on-demand clips on its timer, with no render to set off a trim', async () => {
    const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
    const cache = new FileAudioCache(dir, { maxBytes: 1_000_000, onDemandIdleMs: 3_600_000 }, clock);
    const key = 'k'.repeat(43);
    await cache.putSpec(key, { text: 'Thank you, Maria.', voiceId: 'Fk3RachelVoice0001', modelId: 'eleven_flash_v2_5', outputFormat: 'mp3_22050_32' }, 'on-demand');
    await cache.put(key, Buffer.from('audio'));
    await cache.trim();
    clock.advance(2 * 3_600_000);
    const sweeper = new AudioCacheSweeper(cache, 20);
    sweeper.start();
    try {
      const deadline = Date.now() + 5000;
      while ((await cache.spec(key)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await cache.spec(key)).toBeNull();
      expect(await cache.has(key)).toBe(false);
    } finally {
      sweeper.stop();
    }
  });

  it('a failing trim is logged, never thrown out of the timer', async () => {
    const failing = { trim: () => Promise.reject(new Error('database down')) } as unknown as FileAudioCache;
    await expect(new AudioCacheSweeper(failing, 1000).sweep()).resolves.toBeUndefined();
  });
});
