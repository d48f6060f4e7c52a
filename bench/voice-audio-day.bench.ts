import 'reflect-metadata';
import { FixedClock, TenantDatabase, validateEnvironment } from '@ringlypro/core';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { DialogueEngine } from '../libs/voice/src/dialogue/dialogue-engine';
import { TenantDeskFactory } from '../libs/voice/src/desk/tenant-desk';
import { AudioCache } from '../libs/voice/src/speech/elevenlabs/audio-cache';
import { PrerenderVoiceLinesJob } from '../libs/voice/src/speech/elevenlabs/prerender-voice-lines.job';
import { VoiceAudio } from '../libs/voice/src/speech/elevenlabs/voice-audio';
import { Understanding } from '../libs/voice/src/understanding/understanding';
import { CallSession, type Step } from '../scripts/call/call-session';
import { FAKE_ELEVENLABS_KEY, FAKE_VOICE_ID, FakeElevenLabs } from '../test/fakes/fake-elevenlabs.server';
import { percentile, spokenMonthDay, withScratchDatabase } from './support/bench-kit';

/**
 * `npm run bench:audio-day`: the audio cache over a scripted day of calls. Three businesses (one in its
 * own ElevenLabs voice), ~100 calls mixing bookings, hours / address / price questions, cancellations,
 * messages and voicemail, through the real signed Gather webhooks, with the ElevenLabs speaker pointed
 * at the fake ElevenLabs (250 ms to first byte). After each webhook every <Play> URL is fetched as
 * Twilio would, timing its first byte. The day runs three times on fresh caches:
 *   1. file backend, pre-render of the opening lines only (what the job did before);
 *   2. file backend, pre-render of every fixed line (fixedLines(): what the job does now);
 *   3. postgres backend (voice_audio_clips), the same.
 * Reports: hit rate (lines played from the cache / Rachel's lines played), webhook time of turns whose
 * lines were all cached vs turns with a line rendered then, first audio byte from the cache and from
 * the fake, and which lines missed. Embedded PGlite, or Postgres in a scratch database with DATABASE_URL.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const NOW = new Date('2026-06-01T13:00:00Z'); // Monday 09:00 in New York
const NAMES = ['Maria Lopez', 'Jordan Smith', 'Ann Lee', 'Sam Patel', 'Chris Novak', 'Dana Reyes', 'Lee Wong', 'Pat Kelly', 'Alex Kim', 'Robin Hart', 'Casey Jones', 'Jamie Fox'];

interface Business {
  name: string;
  number: string;
  clientId: number;
  voiceId: string | null;
  set: string;
}
const BUSINESSES: Array<Omit<Business, 'number' | 'clientId'>> = [
  {
    name: 'Bright Smile Dental',
    voiceId: null,
    set: `custom_greeting = 'Thank you for calling Bright Smile Dental. This is Rachel, how can I brighten your day?', business_address = '200 Elm Street, Springfield', services_info = 'A check-up and clean is $120; whitening starts at $300.'`,
  },
  { name: 'Oak Street Barbers', voiceId: 'BarberVoice00001', set: `business_address = '14 Oak Street', services_info = 'Haircuts are $30, beard trims $15.', business_days = 'Tue-Sat'` },
  { name: 'Paws and Claws Grooming', voiceId: null, set: `services_info = 'A full groom starts at $65 depending on the size of your dog.'` },
];

type Kind = 'booking' | 'booking, step by step' | 'hours' | 'address and prices' | 'cancellation' | 'message' | 'voicemail';
/** The day's mix, cycled: 10 calls → 3 bookings (one step by step), 2 hours, 1 address/prices, 1 cancellation, 1 message, 2 voicemail. */
const MIX: Kind[] = ['booking', 'hours', 'voicemail', 'booking, step by step', 'address and prices', 'cancellation', 'booking', 'message', 'hours', 'voicemail'];

const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

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

interface DayResult {
  label: string;
  prerendered: number;
  played: number;
  hits: number;
  said: number;
  cachedTurns: number[];
  uncachedTurns: number[];
  ttfbCache: number[];
  ttfbJoin: number[];
  ttfbFake: number[];
  misses: string[];
  calls: Record<Kind, number>;
}

async function day(label: string, backend: 'file' | 'postgres', prerender: 'opening' | 'fixed', dbUrl: string | undefined): Promise<DayResult> {
  const fake = await new FakeElevenLabs().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-audio-day-'));
  const config = validateEnvironment({
    NODE_ENV: 'test',
    QUEUE_PREFIX: `bd${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    AUDIO_CACHE: backend,
    ELEVENLABS_API_KEY: FAKE_ELEVENLABS_KEY,
    ELEVENLABS_VOICE_ID: FAKE_VOICE_ID,
    ELEVENLABS_API_BASE_URL: fake.baseUrl,
    // Generous for a shared 2-core machine: a line that misses it would be <Say> (counted as a miss).
    ELEVENLABS_TIMEOUT_MS: '1500',
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '100000',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '100000',
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
  });
  const app = await createApiApp(config, { clock: new FixedClock(NOW), processJobs: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const local = (url: string) => url.replace(config.webhookBaseUrl, base);
  const dataSource = app.get(DataSource);
  const audio = app.get(VoiceAudio);
  const result: DayResult = {
    label,
    prerendered: 0,
    played: 0,
    hits: 0,
    said: 0,
    cachedTurns: [],
    uncachedTurns: [],
    ttfbCache: [],
    ttfbJoin: [],
    ttfbFake: [],
    misses: [],
    calls: Object.fromEntries(MIX.map((k) => [k, 0])) as Record<Kind, number>,
  };
  try {
    if (backend === 'postgres') await dataSource.query(`DELETE FROM voice_audio_clips`);
    const businesses: Business[] = [];
    for (const [i, b] of BUSINESSES.entries()) {
      const suffix = String(Date.now() + i).slice(-4);
      const reg = await fetch(`${base}/api/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `bench-day-${randomBytes(4).toString('hex')}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: b.name, business_phone: `+1202555${suffix}` }),
      }).then((r) => r.json() as Promise<{ client: { id: number } }>);
      const number = `+1888${String(5550000 + i * 1111 + Number(suffix)).slice(-7)}`;
      await dataSource.query(
        `UPDATE clients SET ringlypro_number = $2, rachel_enabled = TRUE, voice_id = $3, business_hours_start = '09:00', business_hours_end = '17:00', ${b.set} WHERE id = $1`,
        [reg.client.id, number, b.voiceId],
      );
      await dataSource.query(`UPDATE credit_accounts SET balance = 1000 WHERE client_id = $1`, [reg.client.id]);
      businesses.push({ ...b, number, clientId: reg.client.id });
    }

    // The pre-render job, run to the end for each business before the day starts.
    for (const b of businesses) {
      if (prerender === 'fixed') {
        const done = await app.get(PrerenderVoiceLinesJob).handle({ client_id: b.clientId });
        result.prerendered += (done.rendered ?? 0) + (done.cached ?? 0);
      } else {
        // What the job rendered before fixedLines(): the two lines a call opens with.
        const profile = await app.get(TenantDatabase).run(b.clientId, () => app.get(TenantDeskFactory).profile());
        const engine = new DialogueEngine(app.get(Understanding), { maxTurns: 12, wrapUpSeconds: 0 });
        const opening = engine.start({ callSid: 'prerender', clientId: b.clientId, caller: '' }, profile);
        const done = await audio.renderAhead(opening.lines, b.voiceId);
        result.prerendered += done.rendered + done.cached;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    /** One webhook as Twilio sends it, then every clip it plays fetched as Twilio would. */
    const turn = async (b: Business, action: () => Promise<Step>): Promise<Step> => {
      const asked = fake.requests.length;
      const start = process.hrtime.bigint();
      const step = await action();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rendered = fake.requests.slice(asked).map((r) => r.body.text ?? '');
      const missedKeys = new Set(rendered.map((text) => audio.keyOf(text, b.voiceId)));
      const urls = [...step.twiml.matchAll(/<Play>([^<]+)<\/Play>/g)].map((m) => m[1]);
      result.played += urls.length + step.lines.length;
      result.said += step.lines.length;
      result.misses.push(...rendered, ...step.lines);
      result.hits += urls.length - rendered.length;
      (rendered.length + step.lines.length > 0 ? result.uncachedTurns : result.cachedTurns).push(ms);
      for (const url of urls) {
        const key = /\/voice\/audio\/([A-Za-z0-9_-]{43})\.mp3$/.exec(url)![1];
        (missedKeys.has(key) ? result.ttfbJoin : result.ttfbCache).push(await firstByteMs(local(url)));
      }
      return step;
    };

    const booked: Array<{ b: Business; phone: string }> = [];
    for (let i = 0; i < CALLS; i++) {
      const b = businesses[i % businesses.length];
      let kind = MIX[i % MIX.length];
      const mine = booked.findIndex((x) => x.b === b);
      if (kind === 'cancellation' && mine < 0) kind = 'hours';
      result.calls[kind] += 1;
      const phone = kind === 'cancellation' ? booked.splice(mine, 1)[0].phone : `+1310555${String(1000 + i).slice(-4)}`;
      const call = new CallSession({
        webhookBase: config.webhookBaseUrl,
        authToken: config.webhookSigningToken,
        to: b.number,
        from: phone,
        post: async (url, params, signature) => {
          const res = await fetch(local(url), {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
            body: new URLSearchParams(params),
          });
          return { status: res.status, body: await res.text() };
        },
      });
      // A distinct open slot per booking: Wednesday to Friday of the next weeks, 09:00–16:00.
      const slot = Math.floor(i / 3);
      const date = new Date(NOW.getTime() + (2 + (slot % 3) + 7 * Math.floor(slot / 24)) * 86_400_000);
      const hour = 9 + (Math.floor(slot / 3) % 8);
      const when = `${spokenMonthDay(date)} at ${hour % 12 || 12} ${hour < 12 ? 'am' : 'pm'}`;
      const name = NAMES[i % NAMES.length];
      await turn(b, () => call.dial());
      switch (kind) {
        case 'booking': {
          await turn(b, () => call.say(`Hi, I'd like to book an appointment on ${when}`));
          await turn(b, () => call.say(`My name is ${name}`));
          await turn(b, () => call.say('yes'));
          // Later in the day this caller may phone again to cancel.
          booked.push({ b, phone });
          await turn(b, () => call.say("no, that's all, bye"));
          break;
        }
        case 'booking, step by step':
          await turn(b, () => call.say('I want to book an appointment'));
          await turn(b, () => call.say(when));
          await turn(b, () => call.say(`It's ${name}`));
          await turn(b, () => call.say('yes please'));
          booked.push({ b, phone });
          if (call.status === 'listening') await turn(b, () => call.say('no thanks'));
          break;
        case 'hours':
          await turn(b, () => call.say('What are your hours?'));
          await turn(b, () => call.say('no, thank you'));
          break;
        case 'address and prices':
          await turn(b, () => call.say('Where are you located?'));
          await turn(b, () => call.say('yes'));
          await turn(b, () => call.say('How much does it cost?'));
          await turn(b, () => call.say('no'));
          break;
        case 'cancellation':
          await turn(b, () => call.say('I need to cancel my appointment'));
          if (call.status === 'listening') await turn(b, () => call.say('yes'));
          if (call.status === 'listening') await turn(b, () => call.say('no, goodbye'));
          break;
        case 'message':
          await turn(b, () => call.say("I'd like to leave a message"));
          await turn(b, () => call.say('Please call me back about rescheduling next week, thanks.'));
          break;
        case 'voicemail':
          // Wants a person; the owner does not pick up, the caller leaves a voicemail (Twilio's prompt, not Rachel's).
          await turn(b, () => call.say('Can I talk to a real person?'));
          if (call.status === 'ringing-owner') {
            const unanswered = await call.ownerLine('no-answer');
            if (unanswered.status === 'recording') await call.leaveVoicemail(14);
          }
          break;
      }
      await call.hangUp('completed');
    }

    // After the day: a known key never rendered (spoken on another replica, before a restart) is
    // streamed by the audio endpoint itself from the fake.
    const cache = app.get(AudioCache);
    for (let i = 0; i < 20; i++) {
      const spec = audio.spec(`A line rendered on demand at the audio endpoint, number ${i}.`);
      const key = audio.keyOf(spec.text);
      await cache.putSpec(key, spec, 'on-demand');
      result.ttfbFake.push(await firstByteMs(`${base}/voice/audio/${key}.mp3`));
    }
    return result;
  } finally {
    await app.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A missed line's shape: what made it miss (a name, a date, a code), so the report groups them. */
function shape(line: string): string {
  return line
    .replace(/Your confirmation code is .*\./, 'Your confirmation code is <code>.')
    .replace(new RegExp(`(${NAMES.join('|')})`, 'g'), '<name>')
    .replace(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d+\w\w( at [\d:]+ [AP]M| at noon)?/g, '<date>')
    .replace(/ending in [\d ]+\./, 'ending in <digits>.');
}

function report(r: DayResult): void {
  const rate = (100 * r.hits) / r.played;
  process.stdout.write(`\n## ${r.label}\n\n`);
  process.stdout.write(`calls: ${Object.entries(r.calls).map(([k, n]) => `${n} ${k}`).join(', ')}; lines pre-rendered: ${r.prerendered}\n\n`);
  process.stdout.write(`| | value |\n| --- | --- |\n`);
  process.stdout.write(`| hit rate (lines played from the cache / Rachel's lines played) | ${rate.toFixed(1)} % (${r.hits} / ${r.played}; ${r.said} said with <Say>) |\n`);
  process.stdout.write(`| webhook, turn with every line cached (p50 / p99, n) | ${fmt(percentile(r.cachedTurns, 50))} / ${fmt(percentile(r.cachedTurns, 99))} ms (${r.cachedTurns.length}) |\n`);
  process.stdout.write(`| webhook, turn with a line rendered then (p50 / p99, n) | ${fmt(percentile(r.uncachedTurns, 50))} / ${fmt(percentile(r.uncachedTurns, 99))} ms (${r.uncachedTurns.length}) |\n`);
  process.stdout.write(`| first audio byte, from the cache (p50 / p99, n) | ${fmt(percentile(r.ttfbCache, 50))} / ${fmt(percentile(r.ttfbCache, 99))} ms (${r.ttfbCache.length}) |\n`);
  process.stdout.write(`| first audio byte, joining the render the webhook started (p50 / p99, n) | ${fmt(percentile(r.ttfbJoin, 50))} / ${fmt(percentile(r.ttfbJoin, 99))} ms (${r.ttfbJoin.length}) |\n`);
  process.stdout.write(`| first audio byte, rendered by the endpoint from the fake (p50 / p99, n) | ${fmt(percentile(r.ttfbFake, 50))} / ${fmt(percentile(r.ttfbFake, 99))} ms (${r.ttfbFake.length}) |\n`);
  const shapes = new Map<string, number>();
  for (const line of r.misses) shapes.set(shape(line), (shapes.get(shape(line)) ?? 0) + 1);
  process.stdout.write(`\nlines that missed, by shape (count):\n`);
  for (const [line, n] of [...shapes].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`  ${String(n).padStart(3)}  ${line}\n`);
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  const runs: Array<[string, 'file' | 'postgres', 'opening' | 'fixed']> = [
    ['file cache, pre-render of the opening lines only (before)', 'file', 'opening'],
    ['file cache, pre-render of every fixed line (now)', 'file', 'fixed'],
    ['postgres cache, pre-render of every fixed line (now)', 'postgres', 'fixed'],
  ];
  const load = (await import('node:os')).loadavg()[0];
  process.stdout.write(`Audio cache over a scripted day: ${CALLS} calls, 3 businesses, fake ElevenLabs at 250 ms to first byte, ${adminUrl ? 'Postgres' : 'embedded PGlite'}; load average at start ${load.toFixed(1)}\n`);
  for (const [label, backend, prerender] of runs) {
    await withScratchDatabase('audio', async (url) => report(await day(label, backend, prerender, url)));
  }
  process.stdout.write(`\nload average at end ${(await import('node:os')).loadavg()[0].toFixed(1)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
