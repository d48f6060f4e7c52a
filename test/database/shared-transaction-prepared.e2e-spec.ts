import { TenantDatabase } from '@ringlypro/core';
import type { EntityManager } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { statementsSent } from '../support/sql-log';

/**
 * Shared transactions send their units' statements as EXECUTEs of statements each pooled session
 * prepared once (session-statements.ts), so Postgres plans a webhook's statement once, not per request.
 * A value must mean the same as the extended protocol's parameter (TenantDatabase.run), and a failed
 * transaction must leave no session believing in statements it may not have. Postgres only.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('prepared statements in shared transactions', () => {
  let t: TestApp;
  let db: TenantDatabase;
  const tenants: TestTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    for (let i = 0; i < 3; i++) tenants.push(await registerTenant(t.http));
  });
  afterAll(() => t.close());

  const ECHO = `SELECT $1::text AS text, $2::int AS n, $3::text[] AS list, $4::timestamptz AS at, $5::jsonb AS doc, $6::text AS nothing, $7::numeric AS money, count(*)::int AS own FROM clients`;
  const values = (i: number) => [`it's a \\ back'slash ${i} — ☎`, i, ['a,b', 'c"d', null], new Date(Date.UTC(2026, 10, 29, 9, i)), { k: [i, 'x'] }, null, '12.345'];
  const echo = (i: number) => (manager: EntityManager) => manager.query(ECHO, values(i));

  it('prepares a statement once per session and then only executes it, each value meaning what it means as a parameter', async () => {
    const alone = await Promise.all(tenants.map((tenant, i) => db.run(tenant.clientId, echo(i))));
    const sent = await statementsSent(t.dataSource, async () => {
      for (let round = 0; round < 6; round++) {
        const shared = await Promise.all(tenants.map((tenant, i) => db.runShared(tenant.clientId, echo(i))));
        // Row-level security still applies to each unit: it counts its own business only.
        expect(shared).toEqual(alone);
        expect(shared.map((rows) => rows[0].own)).toEqual([1, 1, 1]);
      }
    });
    const messages = sent.map((s) => s.sql);
    const prepares = messages.join('\n').match(/PREPARE ringlypro_s\d+ AS SELECT \$1::text/g) ?? [];
    const executes = messages.join('\n').match(/EXECUTE ringlypro_s\d+\(/g) ?? [];
    expect(executes).toHaveLength(18);
    // A session prepares the text the first time it sees it: far fewer times than it runs.
    expect(prepares.length).toBeGreaterThanOrEqual(1);
    expect(prepares.length).toBeLessThan(6);
  });

  it('after a transaction fails, its session deallocates everything and prepares afresh', async () => {
    const [a, b] = tenants;
    const failing = () =>
      Promise.allSettled([
        db.runShared(a.clientId, echo(1)),
        db.runShared(b.clientId, async (manager) => {
          await echo(2)(manager);
          throw new Error('the unit changes its mind');
        }),
      ]);
    const sent = await statementsSent(t.dataSource, async () => {
      expect((await failing()).map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      // The next shared transaction works, on whichever session it gets.
      expect(await Promise.all([db.runShared(a.clientId, echo(3)), db.runShared(b.clientId, echo(4))])).toEqual(await Promise.all([db.run(a.clientId, echo(3)), db.run(b.clientId, echo(4))]));
    });
    expect(sent.map((s) => s.sql)).toContain('DEALLOCATE ALL');
  });
});
