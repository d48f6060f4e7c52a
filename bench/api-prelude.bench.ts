import 'reflect-metadata';
import { FixedClock, validateEnvironment } from '@ringlypro/core';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';

/**
 * `npm run bench:api`: throughput of two dashboard requests, each one tenant transaction, to see what
 * the transaction prelude costs (issue 12): `GET /api/appointments/today` (a read) and
 * `POST /api/appointments` (a booking on a distinct free slot each time). Also counts the SQL round
 * trips each request makes. Measured, never asserted. Uses DATABASE_URL when set, else embedded PGlite.
 * BENCH_SECONDS (default 8) and BENCH_CONNECTIONS (default 10) tune the autocannon runs.
 */
const NOW = new Date('2026-06-01T12:00:00Z'); // Monday 08:00 in New York
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(options: autocannon.Options): Promise<Run> {
  const result = await autocannon({ duration: SECONDS, connections: CONNECTIONS, ...options });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  const config = validateEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: `bench-api-${Date.now()}` } : {}),
    BOOKING_HORIZON_DAYS: '366',
    BOOKING_MIN_NOTICE_MINUTES: '0',
    RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
    // Every run signs a business up (and the webhook bench provisions its number): never refused for that.
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
    PROVISIONING_BUDGET_PER_HOUR: '100000',
    PROVISIONING_BUDGET_PER_DAY: '100000',
  });
  const app = await createApiApp(config, { clock: new FixedClock(NOW), processJobs: false });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http = request(app.getHttpServer());
  const dataSource = app.get(DataSource);
  const suffix = Date.now().toString().slice(-4);
  const reg = await http
    .post('/api/auth/register')
    .send({ email: `bench-api-${Date.now()}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Co', business_phone: `+1202555${suffix}` })
    .expect(201);
  const token: string = reg.body.token;
  const clientId: number = reg.body.client.id;
  // Open every day, all day, without texts: every booking is a free 30-minute slot and nothing else.
  await dataSource.query(`UPDATE clients SET business_hours_start = '00:00', business_hours_end = '23:30', business_days = 'Mon-Sun', sms_notifications = FALSE WHERE id = $1`, [clientId]);
  await dataSource.query(`DELETE FROM appointments WHERE client_id = $1`, [clientId]);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // Round trips of one request: every statement TypeORM sends passes through its logger.
  const counted: string[] = [];
  const logger = dataSource.logger;
  const countingLogger = Object.assign(Object.create(Object.getPrototypeOf(logger) as object) as typeof logger, logger, {
    logQuery: (query: string) => void counted.push(query),
  });
  const roundTrips = async (send: () => Promise<unknown>) => {
    (dataSource as unknown as { logger: typeof logger }).logger = countingLogger;
    counted.length = 0;
    await send();
    (dataSource as unknown as { logger: typeof logger }).logger = logger;
    return counted.length;
  };
  const todayTrips = await roundTrips(() => http.get('/api/appointments/today').set(headers).expect(200));
  const bookTrips = await roundTrips(() =>
    http.post('/api/appointments').set(headers).send({ customer_name: 'Trip Count', customer_phone: '+13035550000', appointment_date: '2027-05-31', appointment_time: '23:00' }).expect(201),
  );

  const today = await drive({ url: `${base}/api/appointments/today`, headers });
  let n = 0;
  const booking = await drive({
    url: `${base}/api/appointments`,
    method: 'POST',
    headers,
    requests: [
      {
        setupRequest: (req) => {
          // 48 half-hour slots a day from 2026-06-02: each request its own free slot.
          const i = n++;
          const date = new Date(Date.parse('2026-06-02') + Math.floor(i / 48) * 86_400_000).toISOString().slice(0, 10);
          const minutes = (i % 48) * 30;
          const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 ? '30' : '00'}`;
          return { ...req, body: JSON.stringify({ customer_name: `Caller ${i}`, customer_phone: `+1303555${String(i % 10000).padStart(4, '0')}`, appointment_date: date, appointment_time: time }) };
        },
      },
    ],
  });

  const engine = config.database.kind === 'postgres' ? 'Postgres' : 'PGlite (embedded)';
  const line = (name: string, trips: number, r: Run) =>
    `  ${name.padEnd(28)} ${String(trips).padStart(3)} round trips   ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
  console.log(`\nAPI prelude benchmark — ${engine}, ${CONNECTIONS} connections, ${SECONDS} s each`);
  console.log(line('GET /api/appointments/today', todayTrips, today));
  console.log(line('POST /api/appointments', bookTrips, booking));
  console.log('');
  // autocannon stops at its deadline with requests still in flight: let them finish before closing.
  await new Promise((done) => setTimeout(done, 1000));
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
