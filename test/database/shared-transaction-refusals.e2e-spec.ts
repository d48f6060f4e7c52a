import { TenantContext, TenantDatabase } from '@ringlypro/core';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { callSid as sid, logCall } from '../support/call-rows';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const outcome = (p: Promise<unknown>, ms = 3000) =>
  Promise.race([p.then((v) => ['ok', v], (e: unknown) => ['rejected', String(e)]), sleep(ms).then(() => ['pending'])]);

/**
 * What a unit may not send through a shared transaction, and what happens when it tries — the
 * reproductions of a second outside review of TenantDatabase.runShared (each failed on d265f37): a
 * refused step whose error the unit caught, several statements in one text (results shifted to
 * another business, RESET ROLE for the statements after it), refusals behind nested comments, quoted
 * names and LOCAL/INTO TEMP, and a re-run whose after-commit work waits on its business's next unit.
 * Postgres only.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('shared tenant transactions: refused statements', () => {
  let t: TestApp;
  let db: TenantDatabase;
  const tenants: TestTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    for (let i = 0; i < 2; i++) tenants.push(await registerTenant(t.http));
    for (const tenant of tenants) await db.run(tenant.clientId, (m) => logCall(m, sid()));
  });
  afterAll(() => t.close());

  const exists = async (callSid: string) => ((await t.dataSource.query(`SELECT 1 FROM calls WHERE twilio_call_sid = $1`, [callSid])) as unknown[]).length > 0;

  it('runs alone a unit that caught the refusal of one of its statements, so none of its work is lost (as with run())', async () => {
    const [a, b] = tenants;
    const unit = (nestedSid: string, runs: { n: number }) => async (m: EntityManager) => {
      runs.n++;
      // A best-effort step in a nested transaction (SAVEPOINT), its failure tolerated.
      try {
        await m.transaction((inner) => logCall(inner, nestedSid));
      } catch {
        /* tolerated */
      }
      await logCall(m, sid());
    };
    const alone = sid();
    const aloneRuns = { n: 0 };
    await db.run(a.clientId, unit(alone, aloneRuns));
    expect(await exists(alone)).toBe(true);

    const shared = sid();
    const sharedRuns = { n: 0 };
    await Promise.all([db.runShared(a.clientId, unit(shared, sharedRuns)), db.runShared(b.clientId, (m) => logCall(m, sid()))]);
    // Documented: "those statements fail it, and it runs alone instead".
    expect({ runs: sharedRuns.n, nestedRowStored: await exists(shared) }).toEqual({ runs: 2, nestedRowStored: true });
  });

  it("refuses several statements in one text, which would shift every later unit's results: B gets its own row", async () => {
    const [a, b] = tenants;
    const [resA, resB] = await Promise.all([
      db.runShared(a.clientId, (m) => m.query(`SELECT 'A-1' AS v; SELECT 'A-2' AS v; SELECT 'A-secret' AS v`)),
      db.runShared(b.clientId, (m) => m.query(`SELECT 'B' AS v`)),
    ]);
    // A's text runs alone, as with run(); B gets its own row.
    expect(resA).toBeUndefined();
    expect(resB).toEqual([{ v: 'B' }]);
  });

  it('refuses RESET ROLE behind a ";": a later statement of another business keeps row-level security', async () => {
    const [a, b] = tenants;
    const [, seen] = await Promise.all([
      db.runShared(a.clientId, async (m) => {
        await m.query(`SELECT 1; RESET ROLE`);
      }),
      db.runShared(b.clientId, async (m) => {
        await m.query('SELECT 1');
        await sleep(20);
        const [{ n, who }] = (await m.query(`SELECT count(DISTINCT client_id)::int AS n, current_user AS who FROM calls`)) as Array<{ n: number; who: string }>;
        return { n, who };
      }),
    ]);
    expect(seen).toEqual({ n: 1, who: expect.anything() });
  });

  it('refuses behind a nested comment, a quoted set_config, CREATE LOCAL TEMP and SELECT INTO TEMP', async () => {
    const [a, b] = tenants;
    const texts = [
      `/* x /* y */ z */ SET LOCAL statement_timeout = 0`,
      `SELECT "set_config"('app.client_id', '${a.clientId}', true)`,
      `CREATE LOCAL TEMP TABLE review2_tmp_${randomBytes(3).toString('hex')} (x int)`,
      `SELECT 1 AS x INTO TEMP review2_tmp_${randomBytes(3).toString('hex')}`,
    ];
    const report: Record<string, number> = {};
    for (const text of texts) {
      let runs = 0;
      await Promise.all([
        db.runShared(a.clientId, async (m) => {
          runs++;
          await m.query(text);
        }).catch(() => undefined),
        db.runShared(b.clientId, (m) => logCall(m, sid())),
      ]);
      report[text.slice(0, 30)] = runs;
    }
    // Refused => the unit ran twice (shared attempt refused, then alone).
    expect(Object.values(report)).toEqual(texts.map(() => 2));
  });

  it("settles a re-run whose after-commit work waits on its business's next shared unit, as on the committed path", async () => {
    const [a, b] = tenants;
    const unitA = async (m: EntityManager) => {
      await logCall(m, sid());
      TenantContext.current().afterCommit.push(() => db.runShared(a.clientId, (inner) => inner.query('SELECT 1')));
    };
    // Committed path
    const committed = await outcome(Promise.all([db.runShared(a.clientId, unitA), db.runShared(b.clientId, (m) => logCall(m, sid()))]));
    // Rolled-back path: B fails, A re-runs alone
    const failing = outcome(
      db.runShared(b.clientId, async (m) => {
        await logCall(m, sid());
        throw new Error('B fails');
      }),
    );
    const rolledBack = await outcome(db.runShared(a.clientId, unitA));
    expect((await failing)[0]).toBe('rejected');
    expect({ committed: committed[0], rolledBack: rolledBack[0] }).toEqual({ committed: 'ok', rolledBack: 'ok' });
  });
});
