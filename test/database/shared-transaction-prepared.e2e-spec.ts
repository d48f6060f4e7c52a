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

  /**
   * One shared transaction failed (its ROLLBACK deallocated the session's statements), and the
   * `later` shared transactions after it all committed: a session believing in a statement it does
   * not have would fail one, which would end in a second ROLLBACK with DEALLOCATE ALL.
   */
  function expectOneFailedSharedThenCommits(messages: string[], later: number): void {
    const failed = messages.filter((m) => m === 'ROLLBACK;\nDEALLOCATE ALL');
    expect(failed).toHaveLength(1);
    const after = messages.slice(messages.indexOf(failed[0]) + 1);
    expect(after.filter((m) => m.startsWith('BEGIN\n;\nSET LOCAL ROLE'))).toHaveLength(later);
  }

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
    const prepares = messages.join('\n').match(/PREPARE ringlypro_[0-9a-f]{8}_s\d+ AS SELECT \$1::text/g) ?? [];
    const executes = messages.join('\n').match(/EXECUTE ringlypro_[0-9a-f]{8}_s\d+\(/g) ?? [];
    expect(executes).toHaveLength(18);
    // Every round committed shared: none was rolled back and run alone (which would give the same rows).
    expect(messages.filter((m) => m.startsWith('BEGIN\n;\nSET LOCAL ROLE'))).toHaveLength(6);
    expect(messages.join('\n')).not.toContain('ROLLBACK');
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
    expectOneFailedSharedThenCommits(sent.map((s) => s.sql), 1);
  });

  it('a message that fails before a first PREPARE in it ran leaves no session believing in that statement', async () => {
    const [a, b] = tenants;
    const fresh = `SELECT $1::int * 2 AS twice, count(*)::int AS own FROM clients`;
    const sent = await statementsSent(t.dataSource, async () => {
      const settled = await Promise.allSettled([
        // a's statement fails in the message that carries b's first PREPARE of a new text, after it.
        db.runShared(a.clientId, (manager) => manager.query(`SELECT 1 / (count(*) - count(*)) FROM clients`)),
        db.runShared(b.clientId, (manager) => manager.query(fresh, [21])),
      ]);
      expect(settled.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
      for (let round = 0; round < 4; round++) {
        expect(await Promise.all(tenants.map((tenant) => db.runShared(tenant.clientId, (manager) => manager.query(fresh, [round]))))).toEqual(tenants.map(() => [{ twice: round * 2, own: 1 }]));
      }
    });
    expectOneFailedSharedThenCommits(sent.map((s) => s.sql), 4);
  });

  it('sends a statement PREPARE cannot take (SHOW) with its values inlined, and still commits shared', async () => {
    const sent = await statementsSent(t.dataSource, async () => {
      const zones = await Promise.all(tenants.map((tenant) => db.runShared(tenant.clientId, (manager) => manager.query(`SHOW TimeZone`))));
      expect(zones.map((rows) => Object.keys(rows[0]))).toEqual(tenants.map(() => ['TimeZone']));
    });
    const messages = sent.map((s) => s.sql);
    expect(messages.join('\n')).toMatch(/set_config\('app\.client_id', '\d+', true\)\n;\nSHOW TimeZone/);
    expect(messages.join('\n')).not.toContain('ROLLBACK');
  });
  it('plans a prepared statement once, generically: no execution is planned again for its values', async () => {
    const [a] = tenants;
    const plans = await db.runShared(a.clientId, async (manager) => {
      // Past the five executions after which Postgres would otherwise keep planning each one afresh
      // whenever it estimates its generic plan dearer — as it did for the greeting's admission.
      for (let i = 0; i < 8; i++) await manager.query(`SELECT count(*)::int AS n FROM calls WHERE client_id = $1 AND created_at <= $2 /* plans-once */`, [a.clientId, new Date()]);
      // (Postgres keeps the whole message a PREPARE came in as its text; this query's own does not match.)
      return manager.query(`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%' || 'plans' || '-once */%'`);
    });
    expect(plans).toEqual([{ generic: 8, custom: 0 }]);
  });
});
