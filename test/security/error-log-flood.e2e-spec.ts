import { Controller, Get, Module, Param } from '@nestjs/common';
import { ErrorLogService, TenantDatabase } from '@ringlypro/core';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

/** A route that fails the way an unforeseen bug does: an ordinary Error, a 500 for the caller. */
@Controller('api/test-failure')
class FailingController {
  @Get(':n')
  fail(@Param('n') n: string): never {
    throw new Error(`unexpected failure while handling item ${n}`);
  }
}
@Module({ controllers: [FailingController] })
class FailingModule {}

/** Issue 11 item 9: error_logs can be neither flooded nor read across tenants. */
describe('error_logs: one row per fingerprint a minute, under row-level security', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ extraImports: [FailingModule] });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  const rowsOf = (clientId: number) =>
    t.dataSource.query(`SELECT path, occurrences, message FROM error_logs WHERE client_id = $1 AND path LIKE '/api/test-failure/%' ORDER BY id`, [clientId]);

  it('turns 60 identical failures (ids varying) into one row counting 60; each caller still gets its 500 with a request id', async () => {
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => t.http.get(`/api/test-failure/${i + 1}`).set(a.auth)));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([500]));
    expect(responses[0].body).toMatchObject({ success: false, error: { code: 'internal_error' }, request_id: expect.any(String) });
    const rows = await rowsOf(a.clientId);
    // 60 requests normally land in one minute; if the minute turned during the burst, two rows.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.reduce((sum: number, r: { occurrences: number }) => sum + r.occurrences, 0)).toBe(60);
    // Another tenant's identical failure is its own row.
    await t.http.get('/api/test-failure/1').set(b.auth).expect(500);
    expect(await rowsOf(b.clientId)).toEqual([expect.objectContaining({ occurrences: 1 })]);
  });

  it('counts a repeated job or webhook failure the same way', async () => {
    const log = t.app.get(ErrorLogService);
    for (let i = 0; i < 5; i++) await log.record({ error: new Error(`Twilio unavailable for message ${1000 + i}`), source: 'job', context: { job: 'send-sms' } });
    const rows = await t.dataSource.query(`SELECT occurrences, client_id FROM error_logs WHERE source = 'job' AND message LIKE 'Twilio unavailable%'`);
    expect(rows).toEqual([{ occurrences: 5, client_id: null }]);
  });

  it("shows the tenant role only its own client's rows: never another tenant's, never the platform's", async () => {
    const db = t.app.get(TenantDatabase);
    const seenByB = await db.run(b.clientId, (manager) => manager.query(`SELECT DISTINCT client_id FROM error_logs`));
    expect(seenByB).toEqual([{ client_id: b.clientId }]);
    const seenByA = await db.run(a.clientId, (manager) => manager.query(`SELECT COUNT(*)::int AS n FROM error_logs WHERE client_id IS NULL OR client_id <> $1`, [a.clientId]));
    expect(seenByA).toEqual([{ n: 0 }]);
    // Nor can a tenant write a row in another's name.
    await expect(
      db.run(a.clientId, (manager) => manager.query(`INSERT INTO error_logs (client_id, message) VALUES ($1, 'forged')`, [b.clientId])),
    ).rejects.toThrow(/row-level security/);
    const everyone = await db.platform('error-log', (manager) => manager.query(`SELECT COUNT(DISTINCT COALESCE(client_id, 0))::int AS n FROM error_logs`));
    expect(everyone[0].n).toBeGreaterThanOrEqual(3);
  });
});
