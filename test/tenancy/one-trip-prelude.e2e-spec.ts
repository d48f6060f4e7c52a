import { oneTripTransaction, TenantContext, TenantDatabase } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { statementsSent } from '../support/sql-log';

/**
 * Issue 12: a tenant or platform transaction opens with ONE round trip (BEGIN, SET LOCAL ROLE and
 * set_config in one message), and keeps every property the three-trip prelude had: the role, the
 * tenant, nesting, rollback, afterCommit, and a clean connection afterwards.
 */
describe('one-round-trip transaction prelude', () => {
  let t: TestApp;
  let db: TenantDatabase;
  let a: TestTenant;
  let b: TestTenant;

  /** Every statement the app sends while `fn` runs (TypeORM passes each through its logger). */
  const statementsDuring = async (fn: () => Promise<unknown>) => (await statementsSent(t.dataSource, fn)).map((s) => s.sql);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    // Sign-up provisions a number in the background: let it finish, so only the statements under test are seen.
    for (const tenant of [a, b]) await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  it('opens a tenant transaction with one statement, then the work, then COMMIT', async () => {
    const statements = await statementsDuring(() => db.run(a.clientId, (m) => m.query(`SELECT 1`)));
    expect(statements).toEqual([`BEGIN; SET LOCAL ROLE ringlypro_app; SELECT set_config('app.client_id', '${a.clientId}', true)`, 'SELECT 1', 'COMMIT']);
  });

  it('opens a platform transaction with one statement', async () => {
    const statements = await statementsDuring(() => db.platform('admin-client-listing', (m) => m.query(`SELECT 1`)));
    expect(statements).toEqual(['BEGIN; SET LOCAL ROLE ringlypro_platform', 'SELECT 1', 'COMMIT']);
  });

  it('serves a dashboard request with no separate START TRANSACTION, SET ROLE or set_config trip', async () => {
    const statements = await statementsDuring(() => t.http.get('/api/appointments/today').set(a.auth).expect(200));
    expect(statements.filter((s) => /^(START TRANSACTION|SET LOCAL ROLE|SELECT set_config)/.test(s))).toEqual([]);
    expect(statements.filter((s) => s.startsWith('BEGIN; SET LOCAL ROLE ringlypro_app'))).toHaveLength(1);
  });

  it('runs as the tenant role with the tenant set, and sees only its own client row', async () => {
    const [row] = await db.run(a.clientId, (m) => m.query(`SELECT current_user AS role, current_setting('app.client_id') AS tenant, (SELECT array_agg(id) FROM clients) AS ids`));
    expect(row).toEqual({ role: 'ringlypro_app', tenant: String(a.clientId), ids: [a.clientId] });
  });

  it('leaves neither role nor tenant on the pooled connection afterwards', async () => {
    await db.run(a.clientId, (m) => m.query(`SELECT 1`));
    const [row] = await t.dataSource.query(`SELECT current_user AS role, COALESCE(current_setting('app.client_id', true), '') AS tenant`);
    expect(row.role).not.toBe('ringlypro_app');
    expect(row.tenant).toBe('');
  });

  it('rolls back everything when the work throws, and runs no afterCommit hook', async () => {
    let hookRan = false;
    await expect(
      db.run(a.clientId, async (m) => {
        await m.query(`UPDATE clients SET business_name = 'Rolled Back' WHERE id = $1`, [a.clientId]);
        TenantContextAfterCommit(() => (hookRan = true));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [row] = await t.dataSource.query(`SELECT business_name FROM clients WHERE id = $1`, [a.clientId]);
    expect(row.business_name).not.toBe('Rolled Back');
    expect(hookRan).toBe(false);
  });

  it('runs afterCommit hooks once the transaction has committed', async () => {
    let seenByHook: string | null = null;
    await db.run(a.clientId, async (m) => {
      await m.query(`UPDATE clients SET custom_greeting = 'committed first' WHERE id = $1`, [a.clientId]);
      TenantContextAfterCommit(async () => {
        [{ custom_greeting: seenByHook }] = await t.dataSource.query(`SELECT custom_greeting FROM clients WHERE id = $1`, [a.clientId]);
      });
    });
    expect(seenByHook).toBe('committed first');
  });

  it('joins a nested run for the same tenant (one transaction) and refuses another tenant', async () => {
    const pids = await db.run(a.clientId, async (m) => {
      const [outer] = await m.query(`SELECT txid_current() AS x`);
      const inner = await db.run(a.clientId, async (n) => (await n.query(`SELECT txid_current() AS x`))[0]);
      return [outer.x, inner.x];
    });
    expect(pids[0]).toBe(pids[1]);
    await expect(db.run(a.clientId, () => db.run(b.clientId, async () => 1))).rejects.toThrow(/inside tenant/);
  });

  it('keeps savepoints working inside the one-trip transaction (a nested manager.transaction)', async () => {
    await db.run(a.clientId, async (m) => {
      await m.transaction(async (inner) => inner.query(`UPDATE clients SET custom_greeting = 'via savepoint' WHERE id = $1`, [a.clientId]));
    });
    const [row] = await t.dataSource.query(`SELECT custom_greeting FROM clients WHERE id = $1`, [a.clientId]);
    expect(row.custom_greeting).toBe('via savepoint');
  });

  it('still refuses another tenant\u2019s row under row-level security', async () => {
    await expect(db.run(a.clientId, (m) => m.query(`UPDATE clients SET custom_greeting = 'x' WHERE id = $1 RETURNING id`, [b.clientId]))).resolves.toEqual([[], 0]);
    await expect(
      db.run(a.clientId, (m) =>
        m.query(`INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status) VALUES ($1, 'CAforeign', 'inbound', '+1', '+1', 'ringing')`, [b.clientId]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('leaves the session clean when the prelude itself fails (BEGIN went through, a later statement did not)', async () => {
    for (let i = 0; i < 3; i++) await expect(oneTripTransaction(t.dataSource, 'SET LOCAL ROLE ringlypro_no_such_role', async () => 1)).rejects.toThrow(/ringlypro_no_such_role/);
    // On the embedded single session a transaction left open would swallow the next one's COMMIT.
    await db.run(a.clientId, (m) => m.query(`UPDATE clients SET custom_greeting = 'after a failed prelude' WHERE id = $1`, [a.clientId]));
    const [row] = await t.dataSource.query(`SELECT custom_greeting FROM clients WHERE id = $1`, [a.clientId]);
    expect(row.custom_greeting).toBe('after a failed prelude');
  });

  it('refuses an id that is not a positive safe integer before touching the database', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) await expect(db.run(bad, async () => 1)).rejects.toThrow(/Invalid tenant id/);
  });

  it('keeps the pool usable after a burst of failing and succeeding transactions', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => db.run(i % 2 ? a.clientId : b.clientId, async (m) => {
        if (i % 3 === 0) await m.query(`SELECT 1/0`);
        return (await m.query(`SELECT current_setting('app.client_id') AS tenant`))[0].tenant as string;
      })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(14);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') expect(r.value).toBe(String(i % 2 ? a.clientId : b.clientId));
    });
    await expect(db.run(a.clientId, (m) => m.query(`SELECT 1 AS ok`))).resolves.toEqual([{ ok: 1 }]);
  });
});

/** Registers work for after the current tenant transaction's commit, as services do. */
function TenantContextAfterCommit(task: () => unknown): void {
  TenantContext.current().afterCommit.push(async () => task());
}
