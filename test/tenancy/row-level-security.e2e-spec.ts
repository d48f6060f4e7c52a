import { TenantContextMissingError, TenantDatabase, TenantRepository } from '@ringlypro/core';
import { Contact } from '@ringlypro/tenancy';
import { QueryFailedError } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

/** The backstop under the tenant-scoped repository: Postgres itself refuses other tenants' rows. */
describe('row-level security', () => {
  let t: TestApp;
  let db: TenantDatabase;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    for (const [tenant, time] of [
      [a, '10:00'],
      [a, '11:00'],
      [b, '10:00'],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO appointments (client_id, customer_name, customer_phone, appointment_date, appointment_time, duration) VALUES ($1, 'C', '+12025550100', '2027-01-05', $2, 30)`,
        [tenant.clientId, time],
      );
    }
  });
  afterAll(() => t.close());

  it("returns only tenant A's rows to a raw SELECT with no WHERE, on the app's own connection", async () => {
    const rows = await db.run(a.clientId, (manager) => manager.query(`SELECT client_id FROM appointments`));
    expect(rows.map((r: { client_id: number }) => r.client_id)).toEqual([a.clientId, a.clientId]);
    const clients = await db.run(a.clientId, (manager) => manager.query(`SELECT id FROM clients`));
    expect(clients).toEqual([{ id: a.clientId }]);
  });

  it('returns nothing when no tenant is set', async () => {
    const rows = await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ringlypro_app`);
      return manager.query(`SELECT * FROM appointments`);
    });
    expect(rows).toEqual([]);
  });

  it("refuses to write a row into another tenant's name", async () => {
    const attempt = db.run(a.clientId, (manager) =>
      manager.query(
        `INSERT INTO appointments (client_id, customer_name, customer_phone, appointment_date, appointment_time, duration) VALUES ($1, 'X', '+12025550100', '2027-01-06', '10:00', 30)`,
        [b.clientId],
      ),
    );
    await expect(attempt).rejects.toBeInstanceOf(QueryFailedError);
    const updated = await db.run(a.clientId, (manager) => manager.query(`UPDATE appointments SET notes = 'x' WHERE client_id = $1`, [b.clientId]));
    expect(updated[1]).toBe(0);
  });

  it('runs as a role that is neither superuser, owner, nor BYPASSRLS', async () => {
    const [role] = await db.run(a.clientId, (manager) =>
      manager.query(
        `SELECT current_user AS name, r.rolsuper, r.rolbypassrls, (SELECT tableowner FROM pg_tables WHERE tablename = 'appointments') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toMatchObject({ name: 'ringlypro_app', rolsuper: false, rolbypassrls: false });
    expect(role.owner).not.toBe('ringlypro_app');
  });

  it('refuses tenant-owned repository access outside a tenant context', async () => {
    await expect(new TenantRepository(Contact).find()).rejects.toBeInstanceOf(TenantContextMissingError);
  });

  it('refuses to open one tenant inside another', async () => {
    await expect(db.run(a.clientId, () => db.run(b.clientId, async () => 1))).rejects.toThrow(/inside tenant/);
  });

  it('lets the named platform paths see across tenants', async () => {
    const rows = await db.platform('admin-client-listing', (manager) => manager.query(`SELECT DISTINCT client_id FROM appointments ORDER BY client_id`));
    expect(rows.map((r: { client_id: number }) => r.client_id)).toEqual([a.clientId, b.clientId].sort((x, y) => x - y));
  });
});
