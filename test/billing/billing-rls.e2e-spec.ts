import { TenantDatabase } from '@ringlypro/core';
import { QueryFailedError } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { billingPorts, callSid } from './billing-fixtures';

/** Billing's tables sit under the same row-level security as every tenant table. */
describe('row-level security on billing tables', () => {
  let t: TestApp;
  let db: TenantDatabase;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    for (const tenant of [a, b]) {
      const ports = billingPorts(t, tenant.clientId);
      const sid = callSid();
      await ports.admit(sid);
      await ports.callEnded(sid, 30);
    }
  });
  afterAll(() => t.close());

  it.each(['call_admissions', 'usage_records', 'credit_accounts'])('%s has row-level security enabled and forced', async (table) => {
    const [row] = await t.dataSource.query(`SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = $1`, [table]);
    expect(row).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it.each(['call_admissions', 'usage_records', 'credit_accounts'])("a raw SELECT of %s with no WHERE sees only the tenant's rows", async (table) => {
    const rows = await db.run(a.clientId, (manager) => manager.query(`SELECT DISTINCT client_id FROM ${table}`));
    expect(rows).toEqual([{ client_id: a.clientId }]);
  });

  it("refuses to write an admission or a ledger row in another tenant's name", async () => {
    await expect(
      db.run(a.clientId, (m) => m.query(`INSERT INTO call_admissions (client_id, call_sid, admitted, admitted_at) VALUES ($1, 'CAx', TRUE, NOW())`, [b.clientId])),
    ).rejects.toBeInstanceOf(QueryFailedError);
    await expect(
      db.run(a.clientId, (m) => m.query(`INSERT INTO usage_records (client_id, usage_type, charged_from, credit_amount) VALUES ($1, 'adjustment', 'credit', 100)`, [b.clientId])),
    ).rejects.toBeInstanceOf(QueryFailedError);
    const updated = await db.run(a.clientId, (m) => m.query(`UPDATE credit_accounts SET balance = 1000 WHERE client_id = $1`, [b.clientId]));
    expect(updated[1]).toBe(0);
  });

  it("a call's end and Rachel's seconds left, read and written by hand-written SQL, reach only the tenant's admissions", async () => {
    const sid = callSid();
    expect(await billingPorts(t, b.clientId).admit(sid)).toEqual({ admitted: true });
    const fromA = billingPorts(t, a.clientId);
    expect(await fromA.callEnded(sid, 60)).toBe('not_admitted');
    expect(await fromA.secondsLeft(sid)).toBe(0);
    const [held] = await t.dataSource.query(`SELECT reserved_minutes, settled_at FROM call_admissions WHERE call_sid = $1`, [sid]);
    expect(held).toEqual({ reserved_minutes: 1, settled_at: null });
    expect(await t.dataSource.query(`SELECT id FROM usage_records WHERE call_sid = $1`, [sid])).toEqual([]);
  });
});
