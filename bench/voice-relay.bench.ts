import 'reflect-metadata';
import { FixedClock, validateEnvironment } from '@ringlypro/core';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { CallSession } from '../scripts/call/call-session';
import { FakeRelayClient } from '../test/fakes/fake-relay-client';
import { percentile, spokenMonthDay, withScratchDatabase } from './support/bench-kit';

/**
 * `npm run bench:relay`: Rachel over ConversationRelay — the time from a `prompt` message on the
 * WebSocket to the first `text` token back (what the caller waits for before Twilio starts speaking;
 * recognition and TTS are Twilio's), over a real, signed socket, for full booking calls. The platform
 * default transport is set to relay (VOICE_TRANSPORT), so the greeting webhook answers with
 * <Connect><ConversationRelay>. Uses DATABASE_URL and REDIS_URL when set, else PGlite and memory; on
 * Postgres it works in a scratch database of its own. Target: p99 < 20 ms with the rule engine.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const WARMUP = 10;
const NOW = new Date('2026-06-01T12:00:00Z'); // Monday 08:00 in New York

const PROMPTS = ['ask to book (date + time)', 'name', 'yes (books)', 'hours question', 'goodbye (end)'] as const;


async function main(): Promise<void> {
  await withScratchDatabase('relay', bench);
}

async function bench(databaseUrlForRun: string | undefined): Promise<void> {
  const config = validateEnvironment({
    NODE_ENV: 'test',
    QUEUE_PREFIX: `br${randomBytes(4).toString('hex')}`,
    VOICE_TRANSPORT: 'relay',
    ...(databaseUrlForRun ? { DATABASE_URL: databaseUrlForRun } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const app = await createApiApp(config, { clock: new FixedClock(NOW), processJobs: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  const suffix = String(Date.now()).slice(-4);
  const reg = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `bench-relay-${Date.now()}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Dental', business_phone: `+1202555${suffix}` }),
  }).then((r) => r.json() as Promise<{ client: { id: number } }>);
  const clientId = reg.client.id;
  const rachelNumber = `+1888555${suffix}`;
  await dataSource.query(`UPDATE clients SET ringlypro_number = $2, business_hours_start = '07:00', business_hours_end = '19:00', business_days = 'Mon-Sun', rachel_enabled = TRUE WHERE id = $1`, [clientId, rachelNumber]);
  await dataSource.query(`UPDATE credit_accounts SET balance = 1000 WHERE client_id = $1`, [clientId]);

  const times: Record<(typeof PROMPTS)[number], number[]> = Object.fromEntries(PROMPTS.map((p) => [p, []])) as never;
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const measure = i >= WARMUP;
    const day = new Date(NOW.getTime() + (2 + Math.floor(i / 24)) * 86_400_000);
    const minutes = 7 * 60 + (i % 24) * 30;
    const hour12 = Math.floor(minutes / 60) % 12 || 12;
    const spoken = `${hour12}${minutes % 60 ? ':30' : ''} ${minutes < 12 * 60 ? 'am' : 'pm'}`;
    const from = `+1310555${String(1000 + i).slice(-4)}`;
    const call = new CallSession({
      webhookBase: config.webhookBaseUrl,
      authToken: config.webhookSigningToken,
      to: rachelNumber,
      from,
      post: async (url, params, signature) => {
        const res = await fetch(`${base}${url.slice(config.webhookBaseUrl.length)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
          body: new URLSearchParams(params),
        });
        return { status: res.status, body: await res.text() };
      },
    });
    const greeting = await call.send(`${config.webhookBaseUrl}/voice/webhook/voice`, { CallSid: call.callSid, From: from, To: rachelNumber, CallStatus: 'ringing' });
    if (!greeting.body.includes('<ConversationRelay')) throw new Error(`call ${i}: ${greeting.body}`);
    const socketUrl = /<ConversationRelay[^>]* url="([^"]+)"/.exec(greeting.body)![1].replace(/&amp;/g, '&');
    const relay = await FakeRelayClient.connect({ localBase: `ws://127.0.0.1:${port}`, publicUrl: socketUrl, authToken: config.webhookSigningToken });
    relay.setup({ callSid: call.callSid, from, to: rachelNumber, customParameters: { clientId: String(clientId) } });

    const turn = async (name: (typeof PROMPTS)[number], words: string, expect: RegExp) => {
      const at = relay.received.length;
      const start = performance.now();
      relay.prompt(words);
      const first = await relay.first(at, (m) => m.type === 'text' || m.type === 'end');
      if (measure) times[name].push(relay.receivedAt[first] - start);
      const reply = name === 'goodbye (end)' ? JSON.stringify(await relay.ended(at)) : (await relay.talkFrom(at)).text;
      if (!expect.test(reply)) throw new Error(`call ${i}, ${name}: ${reply}`);
    };
    await turn('ask to book (date + time)', `Hi, I'd like to book an appointment on ${spokenMonthDay(day)} at ${spoken}`, /is available\./);
    await turn('name', 'My name is Casey Jones', /Shall I book it\?/);
    await turn('yes (books)', 'yes', /^You're all set/);
    await turn('hours question', 'yes, what are your hours', /We're open/);
    await turn('goodbye (end)', "no, that's all, bye", /goodbye/);
    relay.close();
    await relay.closed;
    await call.hangUp();
  }

  const engine = `${config.database.kind === 'postgres' ? 'Postgres' : 'PGlite'} + ${config.redisUrl ? 'Redis' : 'memory'}`;
  process.stdout.write(`\nConversationRelay: prompt → first text token (or end), ${CALLS} booking calls (${engine}), real signed WebSocket:\n\n`);
  process.stdout.write(`| prompt | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- |\n`);
  const all: number[] = [];
  for (const name of PROMPTS) {
    all.push(...times[name]);
    process.stdout.write(`| ${name} | ${percentile(times[name], 50).toFixed(1)} | ${percentile(times[name], 99).toFixed(1)} | ${Math.max(...times[name]).toFixed(1)} |\n`);
  }
  process.stdout.write(`| every prompt | ${percentile(all, 50).toFixed(1)} | ${percentile(all, 99).toFixed(1)} | ${Math.max(...all).toFixed(1)} |\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
