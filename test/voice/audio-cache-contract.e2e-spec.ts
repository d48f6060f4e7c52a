import { FixedClock, TenantDatabase } from '@ringlypro/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AudioCache, type AudioCacheLimits } from '../../libs/voice/src/speech/elevenlabs/audio-cache';
import type { RenderSpec } from '../../libs/voice/src/speech/elevenlabs/audio-key';
import { FileAudioCache } from '../../libs/voice/src/speech/elevenlabs/file-audio-cache';
import { PostgresAudioCache } from '../../libs/voice/src/speech/elevenlabs/postgres-audio-cache';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * One contract, both backends of Rachel's audio cache: clips round-trip byte for byte with their spec,
 * the size bound evicts the least recently served audio (keeping the spec, so a URL already handed
 * to Twilio still renders), on-demand clips — which may carry caller data — are deleted once idle,
 * and what one instance wrote another sees (a restart for files, another replica for Postgres).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CLIP = 1000;
const LIMITS: AudioCacheLimits = { maxBytes: 2.5 * CLIP, onDemandIdleMs: 24 * HOUR };

interface Backend {
  cache: AudioCache;
  clock: FixedClock;
  /** Another instance over the same storage: the file backend after a restart, or another replica. */
  another(): AudioCache;
}

let app: TestApp | null = null;
const dirs: string[] = [];

function backends(): Array<[string, () => Promise<Backend>]> {
  return [
    [
      'file',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'audio-cache-contract-'));
        dirs.push(dir);
        const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
        return { cache: new FileAudioCache(dir, LIMITS, clock), clock, another: () => new FileAudioCache(dir, LIMITS, clock) };
      },
    ],
    [
      'postgres',
      async () => {
        // The real migrated database of this run's engine (Postgres, or embedded PGlite), emptied per test.
        app ??= await startTestApp();
        await app.dataSource.query(`DELETE FROM voice_audio_clips`);
        const db = app.app.get(TenantDatabase);
        const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
        return { cache: new PostgresAudioCache(db, LIMITS, clock), clock, another: () => new PostgresAudioCache(db, LIMITS, clock) };
      },
    ],
  ];
}

afterAll(async () => {
  await app?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newKey = () => randomBytes(32).toString('base64url').slice(0, 43);
const specOf = (text: string): RenderSpec => ({ text, voiceId: 'Fk3RachelVoice0001', modelId: 'eleven_flash_v2_5', outputFormat: 'mp3_22050_32' });
/** MP3-framed bytes of a given size, every byte meaningful (a clip's bytes must come back exactly). */
const audio = (seed: string, size = CLIP) => {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + seed.charCodeAt(i % seed.length)) & 0xff;
  body.set([0xff, 0xf3, 0x44, 0xc4], 0);
  return body;
};

async function bytesOf(cache: AudioCache, key: string): Promise<Buffer | null> {
  const clip = await cache.open(key);
  if (!clip) return null;
  const parts: Buffer[] = [];
  for await (const part of clip.stream as Readable) parts.push(Buffer.from(part as Buffer));
  const bytes = Buffer.concat(parts);
  expect(bytes.length).toBe(clip.size);
  return bytes;
}

describe.each(backends())('AudioCache contract: %s', (_name, make) => {
  let b: Backend;
  beforeEach(async () => {
    b = await make();
  });

  /** A key with its spec registered and its audio stored, at the clock's current time. */
  async function stored(origin: 'prerendered' | 'on-demand', text = `line ${newKey()}`, size = CLIP): Promise<string> {
    const key = newKey();
    await b.cache.putSpec(key, specOf(text), origin);
    await b.cache.put(key, audio(text, size));
    return key;
  }

  it('round-trips a clip byte for byte with its spec, and knows nothing of keys it never saw', async () => {
    const key = newKey();
    expect(await b.cache.open(key)).toBeNull();
    expect(await b.cache.has(key)).toBe(false);
    expect(await b.cache.spec(key)).toBeNull();
    // Whatever a business may type into its greeting: quotes, backslashes, emoji, line separators.
    const spec = specOf('Thank you for calling “Café Ünïcode” \\ "O\'Brien\'s" 🐶\u2028. This is Rachel.'.repeat(5));
    await b.cache.putSpec(key, spec, 'on-demand');
    // Registered, not rendered: the spec is known (so the endpoint can render it), the audio is not.
    expect(await b.cache.spec(key)).toEqual(spec);
    expect(await b.cache.has(key)).toBe(false);
    expect(await b.cache.open(key)).toBeNull();
    const clip = audio(spec.text, 2 * CLIP + 321);
    await b.cache.put(key, clip);
    expect(await b.cache.has(key)).toBe(true);
    expect(await bytesOf(b.cache, key)).toEqual(clip);
    expect(await b.cache.totalBytes()).toBe(2 * CLIP + 321);
    // Another instance on the same storage (a restart, another replica) serves the same clip.
    const other = b.another();
    expect(await bytesOf(other, key)).toEqual(clip);
    expect(await other.spec(key)).toEqual(spec);
  });

  it('keeps no audio for a key whose spec was never registered (it could never be re-rendered or expired)', async () => {
    const key = newKey();
    await b.cache.put(key, audio('orphan'));
    expect(await b.cache.has(key)).toBe(false);
    expect(await b.cache.totalBytes()).toBe(0);
  });

  it('the same line rendered twice at once is one clip', async () => {
    const key = newKey();
    const spec = specOf('How can I help you today?');
    await Promise.all(Array.from({ length: 8 }, () => b.cache.putSpec(key, spec, 'on-demand')));
    await Promise.all(Array.from({ length: 8 }, () => b.cache.put(key, audio(spec.text))));
    expect(await bytesOf(b.cache, key)).toEqual(audio(spec.text));
    expect(await b.cache.totalBytes()).toBe(CLIP);
  });

  it('evicts the least recently served audio past maxBytes, keeping specs so a handed-out URL still renders', async () => {
    const first = await stored('prerendered');
    b.clock.advance(2 * MINUTE);
    const second = await stored('on-demand');
    b.clock.advance(2 * MINUTE);
    // The older clip is played again: it becomes the most recently served.
    expect(await bytesOf(b.cache, first)).not.toBeNull();
    b.clock.advance(2 * MINUTE);
    const third = await stored('prerendered');
    // 3 clips > 2.5 allowed: storing the third trims by itself; trim() waits for that run.
    await b.cache.trim();
    expect({ first: await b.cache.has(first), second: await b.cache.has(second), third: await b.cache.has(third) }).toEqual({ first: true, second: false, third: true });
    expect(await b.cache.totalBytes()).toBe(2 * CLIP);
    expect(await b.cache.open(second)).toBeNull();
    // Its spec stays: a <Play> of it already sent to Twilio is rendered again, not a 404.
    expect(await b.cache.spec(second)).not.toBeNull();
  });

  it('keeps itself within maxBytes as clips are stored, without anyone calling trim', async () => {
    for (let i = 0; i < 6; i++) {
      b.clock.advance(MINUTE);
      await stored('prerendered');
    }
    await eventually(async () => (await b.cache.totalBytes()) <= LIMITS.maxBytes, 'size bound');
    expect(await b.cache.totalBytes()).toBe(2 * CLIP);
  });

  it('deletes on-demand clips (spec and audio) once idle past the limit; prerendered ones stay; a serve resets the idle time', async () => {
    // Small clips: the size bound stays out of this.
    const personal = await stored('on-demand', 'I can book Tuesday at 2 PM for Maria, and text the number ending in 0 1 9 9.', CLIP / 2);
    const playedAgain = await stored('on-demand', 'What time on Tuesday, December 1st works for you?', CLIP / 2);
    const fixed = await stored('prerendered', 'How can I help you today?', CLIP / 2);
    b.clock.advance(23 * HOUR);
    expect(await bytesOf(b.cache, playedAgain)).not.toBeNull();
    expect((await b.cache.trim()).expired).toBe(0);
    b.clock.advance(2 * HOUR);
    expect(await b.cache.trim()).toMatchObject({ expired: 1, evicted: 0 });
    expect(await b.cache.has(personal)).toBe(false);
    expect(await b.cache.spec(personal)).toBeNull();
    expect(await b.cache.has(playedAgain)).toBe(true);
    expect(await b.cache.has(fixed)).toBe(true);
    b.clock.advance(30 * 24 * HOUR);
    expect((await b.cache.trim()).expired).toBe(1);
    expect(await b.cache.has(fixed)).toBe(true);
    expect(await b.cache.spec(playedAgain)).toBeNull();
  });

  it('a line registered on demand and later pre-rendered is kept as prerendered, never demoted back', async () => {
    const key = newKey();
    const spec = specOf('Is there anything else I can help you with?');
    await b.cache.putSpec(key, spec, 'on-demand');
    await b.cache.put(key, audio(spec.text));
    await b.cache.putSpec(key, spec, 'prerendered');
    await b.cache.putSpec(key, spec, 'on-demand');
    b.clock.advance(48 * HOUR);
    expect((await b.cache.trim()).expired).toBe(0);
    expect(await b.cache.has(key)).toBe(true);
    // Another instance (restart / replica) knows its origin too.
    expect((await b.another().trim()).expired).toBe(0);
  });

  it('an unrendered spec of an on-demand line (a render that failed) expires like its clip would', async () => {
    const key = newKey();
    await b.cache.putSpec(key, specOf('Your confirmation code is K as in Kilo, 7.'), 'on-demand');
    b.clock.advance(25 * HOUR);
    expect((await b.cache.trim()).expired).toBe(1);
    expect(await b.cache.spec(key)).toBeNull();
  });

  it('another instance on the same storage evicts in the same LRU order (serves are persisted)', async () => {
    const old = await stored('prerendered');
    b.clock.advance(5 * MINUTE);
    const newer = await stored('prerendered');
    b.clock.advance(5 * MINUTE);
    await bytesOf(b.cache, old);
    await b.cache.trim();
    b.clock.advance(5 * MINUTE);
    const other = b.another();
    const third = newKey();
    await other.putSpec(third, specOf('third'), 'prerendered');
    await other.put(third, audio('third'));
    await other.trim();
    expect({ old: await other.has(old), newer: await other.has(newer), third: await other.has(third) }).toEqual({ old: true, newer: false, third: true });
    expect(await other.totalBytes()).toBe(2 * CLIP);
  });

  if (_name === 'postgres') {
    it('is a platform table: a tenant transaction cannot read a clip at all, whatever its key', async () => {
      const key = await stored('on-demand', 'Thank you, Jordan.');
      const db = app!.app.get(TenantDatabase);
      // Any tenant: the role itself has no grant on the table.
      await expect(db.run(1, (m) => m.query(`SELECT spec FROM voice_audio_clips WHERE key = $1`, [key]))).rejects.toThrow(/permission denied/);
    });
  }
});
