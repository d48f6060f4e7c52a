import 'reflect-metadata';
import { FixedClock, validateEnvironment } from '@ringlypro/core';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';
import { CallSession } from '../scripts/call/call-session';
import { percentile, spokenMonthDay, withScratchDatabase } from './support/bench-kit';

/**
 * `npm run bench:voice`: per-turn webhook latency of full booking calls, over real HTTP with signed
 * webhooks — the time Twilio waits for our TwiML on each turn (speech recognition is Twilio's, not
 * ours). Uses DATABASE_URL and REDIS_URL when set (Postgres + Redis), else embedded PGlite and memory.
 * Measured, never asserted in tests. Target: every turn p99 < 50 ms. On Postgres it works in a scratch
 * database of its own (created and dropped here), never in the database DATABASE_URL names.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 150);
const WARMUP = 10;
const NOW = new Date('2026-06-01T12:00:00Z'); // Monday 08:00 in New York

const TURNS = ['answer', 'ask to book (date + time)', 'name', 'yes (books)', 'goodbye', 'status callback'] as const;


async function main(): Promise<void> {
  await withScratchDatabase('voice', bench);
}

async function bench(databaseUrlForRun: string | undefined): Promise<void> {
  const config = validateEnvironment({
    NODE_ENV: 'test',
    QUEUE_PREFIX: `bv${randomBytes(4).toString('hex')}`,
    ...(databaseUrlForRun ? { DATABASE_URL: databaseUrlForRun } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const app = await createApiApp(config, { clock: new FixedClock(NOW), processJobs: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const dataSource = app.get(DataSource);
  const suffix = String(Date.now()).slice(-4);
  const reg = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `bench-voice-${Date.now()}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Dental', business_phone: `+1202555${suffix}` }),
  }).then((r) => r.json() as Promise<{ client: { id: number } }>);
  const clientId = reg.client.id;
  const rachelNumber = `+1888555${suffix}`;
  // A number of its own without waiting for provisioning; open every day 07:00–19:00 (24 half-hour slots).
  await dataSource.query(`UPDATE clients SET ringlypro_number = $2, business_hours_start = '07:00', business_hours_end = '19:00', business_days = 'Mon-Sun', rachel_enabled = TRUE WHERE id = $1`, [clientId, rachelNumber]);
  // Enough prepaid credit that billing admits every call of the run (100 free minutes would not last it).
  await dataSource.query(`UPDATE credit_accounts SET balance = 1000 WHERE client_id = $1`, [clientId]);

  const times: Record<(typeof TURNS)[number], number[]> = Object.fromEntries(TURNS.map((t) => [t, []])) as never;
  const timed = async <T>(turn: (typeof TURNS)[number], measure: boolean, action: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    const result = await action();
    if (measure) times[turn].push(Number(process.hrtime.bigint() - start) / 1e6);
    return result;
  };

  for (let i = 0; i < WARMUP + CALLS; i++) {
    const measure = i >= WARMUP;
    const day = new Date(NOW.getTime() + (2 + Math.floor(i / 24)) * 86_400_000);
    const minutes = 7 * 60 + (i % 24) * 30;
    const hour12 = Math.floor(minutes / 60) % 12 || 12;
    const spoken = `${hour12}${minutes % 60 ? ':30' : ''} ${minutes < 12 * 60 ? 'am' : 'pm'}`;
    const when = `${spokenMonthDay(day)} at ${spoken}`;
    const call = new CallSession({
      webhookBase: config.webhookBaseUrl,
      authToken: config.webhookSigningToken,
      to: rachelNumber,
      from: `+1310555${String(1000 + i).slice(-4)}`,
      post: async (url, params, signature) => {
        const res = await fetch(`${base}${url.slice(config.webhookBaseUrl.length)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
          body: new URLSearchParams(params),
        });
        return { status: res.status, body: await res.text() };
      },
    });
    await timed('answer', measure, () => call.dial());
    const offered = await timed('ask to book (date + time)', measure, () => call.say(`Hi, I'd like to book an appointment on ${when}`));
    if (!offered.lines[0]?.endsWith('is available.')) throw new Error(`call ${i} (${when}): ${offered.lines.join(' ')}`);
    await timed('name', measure, () => call.say('My name is Casey Jones'));
    const booked = await timed('yes (books)', measure, () => call.say('yes'));
    if (!booked.lines[0]?.startsWith("You're all set")) throw new Error(`call ${i}: ${booked.lines.join(' ')}`);
    await timed('goodbye', measure, () => call.say("no, that's all, bye"));
    await timed('status callback', measure, () => call.hangUp());
  }

  const engine = `${config.database.kind === 'postgres' ? 'Postgres' : 'PGlite'} + ${config.redisUrl ? 'Redis' : 'memory'}`;
  process.stdout.write(`\nVoice webhook latency per turn, ${CALLS} booking calls (${engine}), over HTTP, signed:\n\n`);
  process.stdout.write(`| turn | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- |\n`);
  const all: number[] = [];
  for (const turn of TURNS) {
    all.push(...times[turn]);
    process.stdout.write(`| ${turn} | ${percentile(times[turn], 50).toFixed(1)} | ${percentile(times[turn], 99).toFixed(1)} | ${Math.max(...times[turn]).toFixed(1)} |\n`);
  }
  process.stdout.write(`| every turn | ${percentile(all, 50).toFixed(1)} | ${percentile(all, 99).toFixed(1)} | ${Math.max(...all).toFixed(1)} |\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
