import 'reflect-metadata';
import { validateEnvironment } from '@ringlypro/core';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import twilio from 'twilio';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';

/**
 * `npm run bench:webhook-db`: the database path of the greeting webhook (issue 12). Boots the API
 * (DATABASE_URL/REDIS_URL when set, else embedded), signs up a business with Rachel off, and drives
 * `POST /voice/webhook/voice` — signature, number → business, log the call, TwiML dialing the owner —
 * with distinct, correctly signed calls: first one at a time to count SQL round trips per webhook,
 * then with autocannon at 1 and BENCH_CONNECTIONS (default 50) connections. Every call is checked to
 * be in the calls table afterwards. The load generator runs in this process too (its requests are
 * signed beforehand), so the figures are for comparing builds on one machine, not absolute.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const PATH = '/voice/webhook/voice';

async function main(): Promise<void> {
  const config = validateEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    WEBHOOK_BASE_URL: PUBLIC_BASE,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: `bench-webhook-db-${Date.now()}` } : {}),
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '1000000',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
    // Every run signs a business up (and the webhook bench provisions its number): never refused for that.
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
    PROVISIONING_BUDGET_PER_HOUR: '100000',
    PROVISIONING_BUDGET_PER_DAY: '100000',
  });
  const app = await createApiApp(config, { processJobs: true });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http = request(app.getHttpServer());
  const dataSource = app.get(DataSource);
  const tag = randomBytes(4).toString('hex');
  const reg = await http
    .post('/api/auth/register')
    .send({ email: `bench-wh-${tag}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Co', business_phone: `+1202555${String(Date.now()).slice(-4)}` })
    .expect(201);
  const auth = { Authorization: `Bearer ${reg.body.token}` };
  let number: string | null = null;
  for (let i = 0; i < 1200 && !number; i++) {
    number = (await http.get(`/api/client/rachel-status/${reg.body.client.id}`).set(auth)).body.ringlypro_number ?? null;
    if (!number) await new Promise((r) => setTimeout(r, 50));
  }
  if (!number) throw new Error('no number was provisioned');
  await http.put('/api/client/me/rachel-status').set(auth).send({ rachel_enabled: false }).expect(200);

  // Signed beforehand: the load generator shares this process's CPU with the app.
  const signed = (n: number) =>
    Array.from({ length: n }, () => {
      const sid = 'CA' + randomBytes(16).toString('hex');
      const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: sid, From: '+13105550199', To: number!, CallStatus: 'ringing', Direction: 'inbound' };
      return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(config.webhookSigningToken, `${PUBLIC_BASE}${PATH}`, params) };
    });

  // Round trips: every statement TypeORM sends passes through its logger.
  let statements = 0;
  const logger = dataSource.logger;
  (dataSource as unknown as { logger: typeof logger }).logger = Object.assign(Object.create(Object.getPrototypeOf(logger) as object) as typeof logger, logger, {
    logQuery: () => void statements++,
  });
  const warm = signed(200);
  for (const r of warm.slice(0, 100)) await http.post(PATH).type('form').set('X-Twilio-Signature', r.signature).send(r.body).expect(200);
  statements = 0;
  for (const r of warm.slice(100)) await http.post(PATH).type('form').set('X-Twilio-Signature', r.signature).send(r.body).expect(200);
  const tripsPerWebhook = statements / 100;
  (dataSource as unknown as { logger: typeof logger }).logger = logger;

  const drive = async (connections: number) => {
    const bodies = signed(Math.max(20_000, connections * 4000));
    let next = 0;
    const result = await autocannon({
      url: `${base}${PATH}`,
      method: 'POST',
      duration: SECONDS,
      connections,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      requests: [
        {
          setupRequest: (req) => {
            const r = bodies[next++ % bodies.length];
            return { ...req, body: r.body, headers: { ...req.headers, 'x-twilio-signature': r.signature } };
          },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 500));
    return result;
  };
  const one = await drive(1);
  const many = await drive(CONNECTIONS);

  // Every 200 answered a call that was committed before the reply: the table must hold at least that many.
  const answered = warm.length + one['2xx'] + many['2xx'];
  const [{ stored }] = await dataSource.query(`SELECT count(*)::int AS stored FROM calls WHERE client_id = $1`, [reg.body.client.id]);
  const engine = config.database.kind === 'postgres' ? 'Postgres' : 'PGlite (embedded)';
  const line = (label: string, r: autocannon.Result) =>
    `  ${label.padEnd(16)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(`\nGreeting webhook (Rachel off: log the call, dial the owner) — ${engine}, ${SECONDS} s per run`);
  console.log(`  SQL round trips per webhook (warm cache, one at a time): ${tripsPerWebhook.toFixed(2)}`);
  console.log(line('1 connection', one));
  console.log(line(`${CONNECTIONS} connections`, many));
  console.log(`  answered ${answered} webhooks with 200; calls stored: ${stored}\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
