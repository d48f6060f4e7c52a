import { FixedClock } from '@ringlypro/core';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

/**
 * Double booking under load. With Postgres (CI) the requests really race on separate connections and
 * the exclusion constraint picks the winner; on embedded PGlite they queue for the single session.
 */
describe('no double booking under concurrency', () => {
  const clock = new FixedClock(new Date('2026-06-08T12:15:00Z'));
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
  const attempt = (tenant: TestTenant, i: number, time: string, duration?: number) =>
    t.http
      .post('/api/appointments')
      .set(tenant.auth)
      .send({ customer_name: `Caller ${i}`, customer_phone: `+1656555${String(1000 + i).padStart(4, '0')}`, appointment_date: '2026-06-10', appointment_time: time, ...(duration ? { duration } : {}) })
      .then((res) => res.status);

  it('50 parallel bookings of one slot: exactly one 201, forty-nine 409, no 5xx', async () => {
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(a, i, '10:00')));
    expect(tally(statuses)).toEqual({ 201: 1, 409: 49 });
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM appointments WHERE client_id = $1 AND status <> 'cancelled'`, [a.clientId]);
    expect(n).toBe(1);
  });

  it('50 parallel bookings of two overlapping slots of different lengths: exactly one wins', async () => {
    // 13:00 for 60 minutes and 13:30 for 30 minutes overlap.
    const statuses = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? attempt(a, 100 + i, '13:00', 60) : attempt(a, 100 + i, '13:30', 30))));
    expect(tally(statuses)).toEqual({ 201: 1, 409: 49 });
  });

  it('another tenant books the same time meanwhile', async () => {
    const statuses = await Promise.all([...Array.from({ length: 10 }, (_, i) => attempt(a, 200 + i, '15:00')), ...Array.from({ length: 10 }, (_, i) => attempt(b, 300 + i, '15:00'))]);
    expect(tally(statuses)).toEqual({ 201: 2, 409: 18 });
    const rows = await t.dataSource.query(`SELECT client_id FROM appointments WHERE appointment_date = '2026-06-10' AND appointment_time = '15:00' ORDER BY client_id`);
    expect(rows.map((r: { client_id: number }) => r.client_id)).toEqual([a.clientId, b.clientId].sort((x, y) => x - y));
  });
});
