import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CircuitBreaker } from '../../libs/voice/src/speech/elevenlabs/circuit-breaker';
import { ElevenLabsBreaker } from '../../libs/voice/src/speech/elevenlabs/circuit-breaker';
import { FAKE_ELEVENLABS_KEY, FAKE_VOICE_ID, FakeElevenLabs } from '../fakes/fake-elevenlabs.server';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

const PLAY = new RegExp(`<Play>${PUBLIC_BASE.replace(/\./g, '\\.')}/voice/audio/([A-Za-z0-9_-]{43})\\.mp3</Play>`, 'g');
const COOLDOWN_MS = 1500;

/** The clip keys a TwiML document plays, in order. */
const playedKeys = (twiml: string) => [...twiml.matchAll(PLAY)].map((m) => m[1]);

describe("Rachel's own voice: ElevenLabs on the Gather path (<Play> of signed, cached, streamed clips)", () => {
  let t: TestApp;
  let fake: FakeElevenLabs;
  let origin: string;
  let dataDir: string;
  let businesses = 0;

  /** A new business (its own greeting line, never rendered before) and its Rachel number. */
  async function newBusiness(): Promise<{ number: string; name: string }> {
    const name = `Voice Test Studio ${++businesses}`;
    const tenant = await registerTenant(t.http, { business_name: name });
    // Written directly, not through PATCH: a line never rendered ahead, like a caller-specific one
    // (PATCH would queue the pre-render job, tested below).
    await t.dataSource.query(`UPDATE clients SET custom_greeting = $1 WHERE id = $2`, [`Thank you for calling ${name}. This is Rachel.`, tenant.clientId]);
    const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    return { number, name };
  }

  /**
   * Waits until ElevenLabs has had no request for a while: a PATCH queues the pre-render job, whose
   * renders must not be counted (nor eat a failure knob) in the next test.
   */
  async function quiet(): Promise<void> {
    let seen = -1;
    await eventually(async () => {
      const now = fake.requests.length;
      const still = now === seen;
      seen = now;
      if (!still) await new Promise((resolve) => setTimeout(resolve, 700));
      return still;
    }, 'pre-render finished', 60_000);
  }

  beforeAll(async () => {
    fake = await new FakeElevenLabs().start();
    dataDir = mkdtempSync(join(tmpdir(), 'ringly-voice-audio-'));
    t = await startTestApp({
      env: {
        WEBHOOK_BASE_URL: PUBLIC_BASE,
        DATA_DIR: dataDir,
        ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
        ELEVENLABS_VOICE_ID: FAKE_VOICE_ID,
        ELEVENLABS_API_BASE_URL: fake.baseUrl,
        // Generous for two shared cores; the fake's 250 ms first byte is well inside it.
        ELEVENLABS_TIMEOUT_MS: '1500',
      },
      overrides: [{ provide: ElevenLabsBreaker, useValue: new CircuitBreaker({ failureThreshold: 4, cooldownMs: COOLDOWN_MS }) }],
    });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('greets with <Play> of signed URLs, streams the first bytes before ElevenLabs has finished, then serves the cache', async () => {
    fake.restMs = 600;
    const { number, name } = await newBusiness();
    const greeting = await phoneCall(t, number).dial();
    expect(greeting.status).toBe('listening');
    // Both lines are played inside the Gather, none said: the dialogue is unchanged, only the voice.
    const keys = playedKeys(greeting.twiml);
    expect(keys).toHaveLength(2);
    expect(greeting.twiml).not.toContain('<Say');
    expect(greeting.twiml).toMatch(/<Gather [^>]*><Play>/);
    const texts = fake.requests.map((r) => r.body.text);
    expect(texts).toEqual(expect.arrayContaining([`Thank you for calling ${name}. This is Rachel.`, 'How can I help you today?']));
    const request = fake.requests.find((r) => r.body.text === 'How can I help you today?')!;
    expect(request).toMatchObject({ path: `/v1/text-to-speech/${FAKE_VOICE_ID}/stream`, apiKey: FAKE_ELEVENLABS_KEY, body: { model_id: 'eleven_flash_v2_5' } });
    expect(request.query.get('output_format')).toBe('mp3_22050_32');

    // Twilio fetches the first clip while ElevenLabs is still sending it.
    fake.lastFinishedAt = 0;
    const res = await fetch(`${origin}/voice/audio/${keys[0]}.mp3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    expect(fake.lastFinishedAt).toBe(0);
    const parts = [Buffer.from(first.value!)];
    for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(Buffer.from(next.value));
    const expected = FakeElevenLabs.audioFor(`Thank you for calling ${name}. This is Rachel.`);
    expect(Buffer.concat(parts)).toEqual(expected);

    // A second fetch is a cache hit: whole, sized, and ElevenLabs is not asked again.
    const before = fake.requests.length;
    const again = await fetch(`${origin}/voice/audio/${keys[0]}.mp3`);
    expect(again.status).toBe(200);
    expect(again.headers.get('content-length')).toBe(String(expected.length));
    expect(Buffer.from(await again.arrayBuffer())).toEqual(expected);
    expect(fake.requests.length).toBe(before);
    fake.restMs = 100;
  });

  it('plays cached lines without asking ElevenLabs: a second call to the same business renders nothing', async () => {
    const { number } = await newBusiness();
    await phoneCall(t, number).dial();
    const before = fake.requests.length;
    const started = Date.now();
    const second = await phoneCall(t, number, '+13105550123').dial();
    const webhookMs = Date.now() - started;
    expect(playedKeys(second.twiml)).toHaveLength(2);
    expect(fake.requests.length).toBe(before);
    // No waiting on a provider when everything is cached.
    expect(webhookMs).toBeLessThan(1000);
  });

  it("speaks in the business's own voice_id when it has one, validated on PATCH and shown in the client view", async () => {
    const tenant = await registerTenant(t.http, { business_name: 'Own Voice Salon' });
    const patch = (body: unknown) => t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send(body as object);
    for (const bad of ['short', 'has spaces in it', '../../v1/voices', 'x'.repeat(65), 42, 'abc\u0000defghij']) {
      const res = await patch({ voice_id: bad });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('voice_id');
    }
    const set = await patch({ voice_id: 'OwnVoice12345678', custom_greeting: 'Own Voice Salon, Rachel speaking.' }).expect(200);
    expect(set.body.client.voice_id).toBe('OwnVoice12345678');
    const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    const greeting = await phoneCall(t, number).dial();
    expect(playedKeys(greeting.twiml)).toHaveLength(2);
    const own = fake.requests.filter((r) => r.path === '/v1/text-to-speech/OwnVoice12345678/stream').map((r) => r.body.text);
    // Both lines in her voice: the common line too, since a clip is per voice.
    expect(own).toEqual(expect.arrayContaining(['Own Voice Salon, Rachel speaking.', 'How can I help you today?']));
    // null goes back to the platform default.
    expect((await patch({ voice_id: null }).expect(200)).body.client.voice_id).toBeNull();
    await quiet();
  });

  it("renders a business's new greeting ahead of time (queue job), so its next call's first turn never waits for ElevenLabs", async () => {
    const tenant = await registerTenant(t.http, { business_name: 'Prerender Bakery' });
    const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    const greeting = 'Prerender Bakery, fresh bread daily. This is Rachel.';
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ custom_greeting: greeting }).expect(200);
    const key = await eventually(async () => {
      const asked = fake.requests.some((r) => r.body.text === greeting);
      const files = asked ? readdirSync(join(dataDir, 'voice-audio')).filter((f) => f.endsWith('.mp3')) : [];
      return asked && files.length > 0 ? true : null;
    }, 'pre-render');
    expect(key).toBe(true);
    // Let the render finish writing, then the call: both lines played, nothing asked of ElevenLabs.
    await eventually(async () => {
      const before = fake.requests.length;
      const step = await phoneCall(t, number).dial();
      return playedKeys(step.twiml).length === 2 && fake.requests.length === before;
    }, 'greeting served from the cache');
    expect(fake.requests.filter((r) => r.body.text === greeting)).toHaveLength(1);
  });

  it("pre-renders the business's fixed lines too, so a whole call of questions and prompts plays from the cache", async () => {
    const tenant = await registerTenant(t.http, { business_name: 'Fixed Lines Florist' });
    const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    await t.http
      .patch(`/api/client/${tenant.clientId}`)
      .set(tenant.auth)
      .send({ custom_greeting: 'Fixed Lines Florist, Rachel speaking.', business_address: '9 Rose Lane, Springfield', services_info: 'Bouquets start at $45.' })
      .expect(200);
    await eventually(async () => fake.requests.some((r) => r.body.text === "We're at 9 Rose Lane, Springfield."), 'address line pre-rendered');
    await quiet();
    const asked = fake.requests.length;
    const call = phoneCall(t, number, '+13105550177');
    const steps = [await call.dial(), await call.say('What are your hours?'), await call.say('yes'), await call.say('Where are you located?'), await call.say('yes'), await call.say('How much are your flowers?'), await call.say('I want to book an appointment')];
    for (const step of steps) {
      expect(step.lines).toEqual([]); // nothing said with <Say>: every line a <Play>
      expect(playedKeys(step.twiml).length).toBeGreaterThan(0);
    }
    expect(steps[6].twiml).toContain('/voice/audio/');
    // Not one render while the caller was on the line.
    expect(fake.requests.length).toBe(asked);
    await call.hangUp('completed');
  });

  it('a clip evicted by the size bound after its URL went out is rendered again when Twilio fetches it, never a 404', async () => {
    const { number, name } = await newBusiness();
    const [key] = playedKeys((await phoneCall(t, number).dial()).twiml);
    const clip = join(dataDir, 'voice-audio', `${key}.mp3`);
    await eventually(async () => existsSync(clip), 'clip written');
    // What eviction does (the contract suite proves it): the audio goes, the spec stays.
    unlinkSync(clip);
    const asked = fake.requests.length;
    const res = await fetch(`${origin}/voice/audio/${key}.mp3`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(FakeElevenLabs.audioFor(`Thank you for calling ${name}. This is Rachel.`));
    expect(fake.requests.length).toBe(asked + 1);
  });

  it('answers 404 for a tampered, unknown or malformed key, and 4xx (never 5xx) for hostile paths', async () => {
    const { number } = await newBusiness();
    const [key] = playedKeys((await phoneCall(t, number).dial()).twiml);
    const tampered = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
    const before = fake.requests.length;
    for (const path of [
      `/voice/audio/${tampered}.mp3`,
      `/voice/audio/${'x'.repeat(43)}.mp3`,
      `/voice/audio/${key}.wav`,
      `/voice/audio/${key}`,
      `/voice/audio/${'k'.repeat(20_000)}.mp3`,
      '/voice/audio/%00.mp3',
      `/voice/audio/${key.slice(0, 42)}%00.mp3`,
      '/voice/audio/%ED%A0%80.mp3',
      '/voice/audio/%F0%9F%98%80.mp3',
      '/voice/audio/..%2F..%2F..%2Fetc%2Fpasswd.mp3',
      '/voice/audio/%E0%A4%A.mp3',
    ]) {
      const res = await fetch(`${origin}${path}`);
      expect({ path: path.slice(0, 80), status: res.status >= 400 && res.status < 500 }).toEqual({ path: path.slice(0, 80), status: true });
    }
    expect((await fetch(`${origin}/voice/audio/${tampered}.mp3`)).status).toBe(404);
    // Nothing an outsider sends makes us pay for a render.
    expect(fake.requests.length).toBe(before);
  });

  it('falls back to <Say> in the same turn on 401, 500, 429 and a timeout; the breaker then stops asking, and closes after its cool-down', async () => {
    // Registered first, so the cool-down below is not spent signing businesses up.
    const shops: Array<{ number: string; name: string }> = [];
    for (let i = 0; i < 7; i++) shops.push(await newBusiness());
    const said = async (knob: 401 | 429 | 500 | 'slow' | null) => {
      const { number, name } = shops.shift()!;
      if (knob) fake.failNext(knob);
      const asked = fake.requests.length;
      const started = Date.now();
      const step = await phoneCall(t, number).dial();
      return { step, name, ms: Date.now() - started, asked: fake.requests.length - asked };
    };
    for (const knob of [401, 500, 429] as const) {
      const { step, name, asked } = await said(knob);
      // The business's own line is said in Polly's voice; the cached common line is still played.
      expect(step.lines).toEqual([`Thank you for calling ${name}. This is Rachel.`]);
      expect(step.twiml).toContain('voice="Polly.Joanna-Neural"');
      expect(playedKeys(step.twiml)).toHaveLength(1);
      expect(asked).toBe(1);
    }
    // A first byte later than the budget: the turn waits only the budget (1.5 s), not the 3 s stall.
    const slow = await said('slow');
    expect(slow.step.lines).toHaveLength(1);
    expect(slow.ms).toBeLessThan(2900);

    // Four failures in a row: open. The next uncached line is said without asking ElevenLabs at all.
    const breaker = t.app.get(ElevenLabsBreaker) as CircuitBreaker;
    expect(breaker.state).toBe("open");
    const open = await said(null);
    expect(open.asked).toBe(0);
    expect(open.step.lines).toHaveLength(1);

    // After the cool-down one trial goes through; it succeeds and closes the breaker.
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 50));
    const closed = await said(null);
    expect(closed.asked).toBe(1);
    expect(closed.step.lines).toEqual([]);
    expect(playedKeys(closed.step.twiml)).toHaveLength(2);
    const healthy = await said(null);
    expect(playedKeys(healthy.step.twiml)).toHaveLength(2);
  });
});
