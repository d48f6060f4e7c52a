import { FixedClock } from '@ringlypro/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnApi } from '../support/spawned-api';
import { createTestDatabase } from '../support/test-database';
import { registerTenant, registrationBody, type TestTenant } from '../support/tenants';
import { startTestApp, type TestApp } from '../support/test-app';

// Monday 2026-06-08, 08:15 in New York.
const NOW = new Date('2026-06-08T12:15:00Z');

describe('issue 11 item 1: every date the API accepts is bounded', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const clock = new FixedClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tenant = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  const availability = (query: string) => t.http.get(`/api/appointments/availability?${query}`).set(tenant.auth).timeout(10_000);

  it('answers the request that used to hang with a 400 naming the field, at once', async () => {
    const started = Date.now();
    const res = await availability('from=9999-12-01&to=9999-12-31').expect(400);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['from', 'to']);
  });

  it.each([
    ['date=2026-02-30', 'date'],
    ['date=2026-13-45', 'date'],
    ['date=0000-00-00', 'date'],
    ['date=10000-01-01', 'date'],
    ['from=%2B010000-01-01&to=2026-06-09', 'from'],
    ['from=2026-06-08&to=9999-12-31', 'to'],
  ])('refuses the impossible or unrepresentable %s, naming %s', async (query, field) => {
    const res = await availability(query).expect(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('offers only today … the booking horizon (60 days), naming the field that strays', async () => {
    const past = await availability('from=2026-06-07&to=2026-06-09').expect(400);
    expect(past.body.error.fields[0]).toEqual({ field: 'from', message: expect.stringContaining('must not be before today (2026-06-08') });
    expect((await availability('date=2026-06-01').expect(400)).body.error.fields[0].field).toBe('date');
    // 2026-06-08 + 60 days = 2026-08-07 is the last day that can hold a slot.
    await availability('from=2026-08-01&to=2026-08-07').expect(200);
    const beyond = await availability('from=2026-08-01&to=2026-08-08').expect(400);
    expect(beyond.body.error.fields[0]).toEqual({ field: 'to', message: expect.stringContaining('booking horizon') });
  });

  it('bounds the list filters and the booking dates the same way', async () => {
    for (const bad of ['2026-02-30', '2026-13-45', '0000-00-00', '9999-12-31', '1900-01-01']) {
      const res = await t.http.get(`/api/appointments?from=${bad}`).set(tenant.auth).expect(400);
      expect(res.body.error.fields[0].field).toBe('from');
    }
    const booking = await t.http
      .post('/api/appointments')
      .set(tenant.auth)
      .send({ customer_name: 'Ava', customer_phone: '(656) 555-0101', appointment_date: '9999-12-31', appointment_time: '10:00' })
      .expect(400);
    expect(booking.body.error.fields[0].field).toBe('appointment_date');
  });

  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  onPostgres('every pooled Postgres session has a statement timeout and an idle-in-transaction timeout', async () => {
    const [row] = await t.dataSource.query(`SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`);
    expect(row).toEqual({ s: '30s', i: '1min' });
  });
});

describe('issue 11 item 1: Postgres ends a session left idle in a transaction', () => {
  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  onPostgres('a transaction idle longer than DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS is terminated', async () => {
    const t = await startTestApp({ env: { DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '1000' } });
    try {
      await expect(t.dataSource.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query('SELECT 1');
      await new Promise((r) => setTimeout(r, 2_000));
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await runner.release().catch(() => undefined);
      // The pool replaces the dead session; the app keeps answering.
      expect(await t.dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await t.close();
    }
  });
});

describe('issue 11 item 1: replayed against a real `npm start` process', () => {
  // In-process, a spinning request would block the test runner too; a separate process lets the
  // test fail on its own timeout (and then SIGKILL the process) instead of hanging.
  it('the 9999 availability request gets a 400 and the process stays responsive', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'ringlypro-bounds-'));
    const api = spawnApi({ PORT: String(await freePort()), DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) });
    try {
      await api.ready();
      const reg = await fetch(`${api.baseUrl}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registrationBody()),
      });
      expect(reg.status).toBe(201);
      const { token } = (await reg.json()) as { token: string };
      const res = await fetch(`${api.baseUrl}/api/appointments/availability?from=9999-12-01&to=9999-12-31`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      expect(res.status).toBe(400);
      const live = await fetch(`${api.baseUrl}/health/live`, { signal: AbortSignal.timeout(5_000) });
      expect(live.status).toBe(200);
      // And it still honours SIGTERM (a spinning event loop would not): Nest closes, then re-raises the signal.
      expect(await api.stop(10_000)).not.toBe('SIGKILL');
    } finally {
      await api.stop(1_000);
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  }, 150_000);
});
