import type { NestExpressApplication } from '@nestjs/platform-express';
import { validateEnvironment } from '@ringlypro/core';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { FAKE_ELEVENLABS_KEY, FAKE_VOICE_ID, FakeElevenLabs } from '../fakes/fake-elevenlabs.server';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { GENEROUS_TEST_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

const PLAY = new RegExp(`<Play>${PUBLIC_BASE.replace(/\./g, '\\.')}/voice/audio/([A-Za-z0-9_-]{43})\\.mp3</Play>`, 'g');
const playedKeys = (twiml: string) => [...twiml.matchAll(PLAY)].map((m) => m[1]);

/**
 * AUDIO_CACHE=postgres is for several API replicas: two apps on one database (and one JWT_SECRET, as
 * replicas share), each with its own DATA_DIR. A line rendered while a call was on replica A is a
 * cache hit for a call on replica B, and B serves its audio, without asking ElevenLabs again.
 * Two apps need one shared server: on embedded PGlite each app has its own in-memory database, so
 * this runs where DATABASE_URL is set (the contract suite covers the backend itself on both engines).
 */
const sharedServer = process.env.DATABASE_URL ? describe : describe.skip;

sharedServer('Audio cache shared by replicas (AUDIO_CACHE=postgres)', () => {
  let a: TestApp;
  let b: NestExpressApplication;
  let bAsTest: TestApp;
  let fake: FakeElevenLabs;
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'audio-replica-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    fake = await new FakeElevenLabs().start();
    const shared = {
      WEBHOOK_BASE_URL: PUBLIC_BASE,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      AUDIO_CACHE: 'postgres',
      ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
      ELEVENLABS_VOICE_ID: FAKE_VOICE_ID,
      ELEVENLABS_API_BASE_URL: fake.baseUrl,
      ELEVENLABS_TIMEOUT_MS: '1500',
    };
    a = await startTestApp({ env: { ...shared, DATA_DIR: dir() } });
    const configB = validateEnvironment({
      NODE_ENV: 'test',
      ...GENEROUS_TEST_LIMITS,
      ...shared,
      DATA_DIR: dir(),
      DATABASE_URL: (a.config.database as { url: string }).url,
      QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    });
    b = await createApiApp(configB, { processJobs: false });
    await b.init();
    bAsTest = { ...a, app: b, http: request(b.getHttpServer()), config: configB };
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await fake?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a line rendered on one replica is played and served by the other without a second render', async () => {
    const tenant = await registerTenant(a.http, { business_name: 'Replica Yoga' });
    const number = await eventually(async () => (await a.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    const greeting = `Replica Yoga ${randomBytes(3).toString('hex')}, Rachel speaking.`;
    // Written directly, not through PATCH: a line nobody pre-rendered, like a caller-specific one.
    await a.dataSource.query(`UPDATE clients SET custom_greeting = $2 WHERE id = $1`, [tenant.clientId, greeting]);

    const first = await phoneCall(a, number).dial();
    expect(playedKeys(first.twiml)).toHaveLength(2);
    expect(fake.requests.map((r) => r.body.text)).toContain(greeting);
    // The render finishes into the shared table.
    await eventually(async () => Number((await a.dataSource.query(`SELECT COUNT(*)::int AS n FROM voice_audio_clips WHERE audio IS NOT NULL`))[0].n) >= 2, 'clips stored');

    const asked = fake.requests.length;
    const second = await phoneCall(bAsTest, number, '+13105550142').dial();
    expect(second.lines).toEqual([]);
    const keys = playedKeys(second.twiml);
    expect(keys).toEqual(playedKeys(first.twiml));
    const res = await bAsTest.http.get(`/voice/audio/${keys[0]}.mp3`).buffer(true).parse((r, done) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => done(null, Buffer.concat(parts)));
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(FakeElevenLabs.audioFor(greeting));
    expect(fake.requests.length).toBe(asked);
    // Nothing went to replica B's disk: the file backend is not in use.
    expect(existsSync(join(bAsTest.config.dataDir, 'voice-audio'))).toBe(false);
  });
});
