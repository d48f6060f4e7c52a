import 'reflect-metadata';
import { FixedClock, TenantDatabase, validateEnvironment } from '@ringlypro/core';
import { AvailabilityService, slotsBetween, windowOf } from '@ringlypro/booking';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/create-api-app';

/**
 * `npm run bench`: speed targets for booking, measured, never asserted in tests.
 *  1. availability for a 14-day window of a client with 5 000 existing appointments (median ms),
 *     over HTTP and in-process;
 *  2. booking throughput with concurrent requests, on free slots and on one contended slot.
 * Uses DATABASE_URL when set (Postgres), else embedded PGlite in memory.
 */
const APPOINTMENTS = 5_000;
const RUNS = 40;
const NOW = new Date('2026-06-01T12:00:00Z'); // Monday 08:00 in New York

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const config = validateEnvironment({
    NODE_ENV: 'test',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    BOOKING_HORIZON_DAYS: '366',
    BOOKING_MIN_NOTICE_MINUTES: '0',
    // Throughput of booking itself is measured here, not the per-client budget that would refuse it.
    RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
    RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
  });
  const app = await createApiApp(config, { clock: new FixedClock(NOW), processJobs: false });
  await app.init();
  const http = request(app.getHttpServer());
  const dataSource = app.get(DataSource);
  const suffix = Date.now().toString().slice(-4);
  const reg = await http
    .post('/api/auth/register')
    .send({ email: `bench-${Date.now()}@example.com`, password: 'bench password', first_name: 'B', last_name: 'Ench', business_name: 'Bench Co', business_phone: `+1202555${suffix}` })
    .expect(201);
  const auth = { Authorization: `Bearer ${reg.body.token}` };
  const clientId: number = reg.body.client.id;
  await dataSource.query(`UPDATE clients SET business_hours_start = '07:00', business_hours_end = '19:00', business_days = 'Mon-Sun', sms_notifications = FALSE WHERE id = $1`, [clientId]);

  // 5 000 appointments: 20 a day (every other half hour from 07:00), 250 days from today, 30 minutes each.
  let start = process.hrtime.bigint();
  await dataSource.query(
    `INSERT INTO appointments (client_id, customer_name, customer_phone, appointment_date, appointment_time, duration, source, confirmation_code)
     SELECT $1, 'Customer ' || n, '+1202555' || lpad((n % 10000)::text, 4, '0'),
            DATE '2026-06-01' + (n / 20), TIME '07:00' + make_interval(mins => (n % 20) * 30), 30, 'manual', $3 || lpad(n::text, 7, '0')
     FROM generate_series(0, $2 - 1) AS n`,
    [clientId, APPOINTMENTS, `B${suffix}`],
  );
  const seeded = ms(start);

  const httpTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const from = new Date(Date.parse('2026-07-01') + (i % 20) * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(from) + 13 * 86_400_000).toISOString().slice(0, 10);
    start = process.hrtime.bigint();
    const res = await http.get(`/api/appointments/availability?from=${from}&to=${to}`).set(auth).expect(200);
    httpTimes.push(ms(start));
    if (i === 0 && res.body.slots.length !== 14 * 4) throw new Error(`expected 56 free slots, got ${res.body.slots.length}`);
  }
  const db = app.get(TenantDatabase);
  const availability = app.get(AvailabilityService);
  const serviceTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = process.hrtime.bigint();
    await db.run(clientId, () => availability.slots('2026-07-01', '2026-07-14'));
    serviceTimes.push(ms(start));
  }

  const rules = await db.run(clientId, () => availability.rules());
  const window = windowOf(rules, '2026-07-01', '2026-07-14');
  const busy = await db.run(clientId, () => availability.busyBetween(window.start, window.end));
  const pureTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = process.hrtime.bigint();
    slotsBetween(rules, '2026-07-01', '2026-07-14', NOW, busy);
    pureTimes.push(ms(start));
  }

  // Throughput: 200 bookings of free slots (evenings, 19:00 closing is moved to 23:00 first), 20 at a time.
  await dataSource.query(`UPDATE clients SET business_hours_end = '23:30' WHERE id = $1`, [clientId]);
  const freeSlots = Array.from({ length: 200 }, (_, i) => ({ date: new Date(Date.parse('2026-06-01') + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10), time: `${19 + Math.floor((i % 8) / 2)}:${i % 2 ? '30' : '00'}` }));
  const book = (i: number, slot: { date: string; time: string }) =>
    http.post('/api/appointments').set(auth).send({ customer_name: `Caller ${i}`, customer_phone: `+1303555${String(i).padStart(4, '0')}`, appointment_date: slot.date, appointment_time: slot.time }).then((r) => r.status);
  const CONCURRENCY = 20;
  start = process.hrtime.bigint();
  const statuses: number[] = [];
  for (let i = 0; i < freeSlots.length; i += CONCURRENCY) statuses.push(...(await Promise.all(freeSlots.slice(i, i + CONCURRENCY).map((s, k) => book(i + k, s)))));
  const freeMs = ms(start);
  const created = statuses.filter((s) => s === 201).length;

  start = process.hrtime.bigint();
  const contested = await Promise.all(Array.from({ length: 100 }, (_, i) => book(1000 + i, { date: '2026-12-01', time: '21:30' })));
  const contestedMs = ms(start);

  const engine = config.database.kind === 'postgres' ? 'Postgres' : 'PGlite (embedded)';
  console.log(`\nBooking benchmark — ${engine}, ${APPOINTMENTS} appointments seeded in ${seeded.toFixed(0)} ms`);
  console.log(`  availability, 14-day window, over HTTP:   median ${median(httpTimes).toFixed(2)} ms (${RUNS} runs, min ${Math.min(...httpTimes).toFixed(2)}, max ${Math.max(...httpTimes).toFixed(2)})`);
  console.log(`  availability, 14-day window, in-process:  median ${median(serviceTimes).toFixed(2)} ms`);
  console.log(`  availability, 14-day window, computation: median ${median(pureTimes).toFixed(2)} ms (${busy.length} busy appointments in the window)`);
  console.log(`  booking free slots, ${CONCURRENCY} concurrent:         ${created}/${freeSlots.length} created, ${(created / (freeMs / 1000)).toFixed(1)} bookings/s`);
  console.log(`  one contested slot, 100 concurrent:       ${contested.filter((s) => s === 201).length}×201, ${contested.filter((s) => s === 409).length}×409, ${contested.filter((s) => s >= 500).length}×5xx in ${contestedMs.toFixed(0)} ms (${(100 / (contestedMs / 1000)).toFixed(1)} requests/s)\n`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
