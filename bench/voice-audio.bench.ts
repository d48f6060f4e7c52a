import 'reflect-metadata';
import { validateEnvironment } from '@ringlypro/core';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { AudioCache } from '../libs/voice/src/speech/elevenlabs/audio-cache';
import { VoiceAudio } from '../libs/voice/src/speech/elevenlabs/voice-audio';
import { CallSession } from '../scripts/call/call-session';
import { percentile } from './support/bench-kit';
import { FAKE_ELEVENLABS_KEY, FAKE_VOICE_ID, FakeElevenLabs } from '../test/fakes/fake-elevenlabs.server';

/**
 * `npm run bench:audio`: Rachel's voice on the Gather path, against the fake ElevenLabs at a 250 ms
 * time to first byte, over real HTTP on embedded PGlite (the audio path does not touch the database
 * beyond the webhook's usual work). Measured, never asserted in tests.
 *  1. webhook time of a call's first turn when its lines are cached, and when its greeting is not
 *     (the webhook waits for ElevenLabs' first byte, within ELEVENLABS_TIMEOUT_MS);
 *  2. time to the first audio byte at GET /voice/audio from the cache (target < 5 ms);
 *  3. time to the first audio byte when the endpoint itself has to render from ElevenLabs (target < 300 ms).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const summary = (name: string, ms: number[]) =>
  console.log(`${name.padEnd(58)} n=${String(ms.length).padStart(3)}  p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(ms, 99).toFixed(1).padStart(6)} ms`);

async function firstByteMs(url: string): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const reader = res.body!.getReader();
  await reader.read();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  for (let next = await reader.read(); !next.done; next = await reader.read());
  return ms;
}

async function main(): Promise<void> {
  const fake = await new FakeElevenLabs().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-voice-audio-'));
  const config = validateEnvironment({
    NODE_ENV: 'test',
    QUEUE_PREFIX: `ba${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
    ELEVENLABS_VOICE_ID: FAKE_VOICE_ID,
    ELEVENLABS_API_BASE_URL: fake.baseUrl,
    ELEVENLABS_TIMEOUT_MS: '1000',
  });
  const app = await createApiApp(config, { processJobs: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const dataSource = app.get(DataSource);
    const suffix = String(Date.now()).slice(-4);
    const reg = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `bench-audio-${Date.now()}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Audio', business_phone: `+1202555${suffix}` }),
    }).then((r) => r.json() as Promise<{ client: { id: number } }>);
    const clientId = reg.client.id;
    const rachelNumber = `+1888555${suffix}`;
    await dataSource.query(`UPDATE clients SET ringlypro_number = $2, rachel_enabled = TRUE WHERE id = $1`, [clientId, rachelNumber]);
    const dial = async (i: number) => {
      const call = new CallSession({
        webhookBase: config.webhookBaseUrl,
        authToken: config.webhookSigningToken,
        to: rachelNumber,
        from: `+1310555${String(1000 + (i % 9000)).slice(-4)}`,
        post: async (url, params, signature) => {
          const res = await fetch(`${base}${url.slice(config.webhookBaseUrl.length)}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
            body: new URLSearchParams(params),
          });
          return { status: res.status, body: await res.text() };
        },
      });
      const start = process.hrtime.bigint();
      const step = await call.dial();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      await call.hangUp('completed');
      return { ms, twiml: step.twiml };
    };

    const uncached: number[] = [];
    const cached: number[] = [];
    const joinLive: number[] = [];
    let calls = 0;
    for (let i = 0; i < RUNS; i++) {
      // A new greeting nobody has rendered: the first turn waits for ElevenLabs' first byte.
      await dataSource.query(`UPDATE clients SET custom_greeting = $2 WHERE id = $1`, [clientId, `Bench Audio, greeting number ${i}. This is Rachel.`]);
      const cold = await dial(calls++);
      if (!cold.twiml.includes('<Play>')) throw new Error('uncached greeting was not played');
      uncached.push(cold.ms);
      // Twilio fetches the clip right after: it joins the render the webhook started.
      joinLive.push(await firstByteMs(cold.twiml.match(/<Play>([^<]+)<\/Play>/)![1].replace(config.webhookBaseUrl, base)));
      const warm = await dial(calls++);
      cached.push(warm.ms);
    }
    const cachedUrl = (await dial(calls++)).twiml.match(/<Play>([^<]+)<\/Play>/)![1].replace(config.webhookBaseUrl, base);
    const fromCache: number[] = [];
    for (let i = 0; i < RUNS * 5; i++) fromCache.push(await firstByteMs(cachedUrl));

    // A known key nothing has rendered yet (a line spoken on another replica, or before a restart):
    // the endpoint itself streams it from ElevenLabs.
    const audio = app.get(VoiceAudio);
    const cache = app.get(AudioCache);
    const fromProvider: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const spec = audio.spec(`A line rendered on demand, number ${i}.`);
      const key = audio.keyOf(spec.text);
      await cache.putSpec(key, spec, 'on-demand');
      fromProvider.push(await firstByteMs(`${base}/voice/audio/${key}.mp3`));
    }

    console.log(`Rachel's voice on the Gather path — fake ElevenLabs at ${fake.ttfbMs} ms to first byte, embedded PGlite`);
    summary('webhook, first turn, all lines cached', cached);
    summary('webhook, first turn, greeting uncached (waits first byte)', uncached);
    summary('first audio byte, from the cache', fromCache);
    summary('first audio byte, render started by the webhook', joinLive);
    summary('first audio byte, rendered on demand from ElevenLabs', fromProvider);
  } finally {
    await app.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
