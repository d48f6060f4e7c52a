import { TenantContext, TenantDatabase } from '@ringlypro/core';
import type { EntityManager } from 'typeorm';
import { callSid as sid, logCall } from '../support/call-rows';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { type SentStatement, statementsSent } from '../support/sql-log';

/**
 * Issue 12: TenantDatabase.runShared lets concurrent units of work of different businesses ride one
 * database transaction, their statements travelling together (one message per turn of the event
 * loop), with row-level security on every statement and all-or-nothing: when anything fails, every
 * unit runs again alone. Postgres only — the embedded database is one session and runs each unit alone.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('shared tenant transactions', () => {
  let t: TestApp;
  let db: TenantDatabase;
  const tenants: TestTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    for (let i = 0; i < 3; i++) tenants.push(await registerTenant(t.http));
  });
  afterAll(() => t.close());

  const owners = async (sids: string[]) =>
    new Map(((await t.dataSource.query(`SELECT twilio_call_sid, client_id FROM calls WHERE twilio_call_sid = ANY($1)`, [sids])) as Array<{ twilio_call_sid: string; client_id: number }>).map((r) => [r.twilio_call_sid, r.client_id]));
  /** The messages of the shared transaction: from its BEGIN to its COMMIT on its connection (jobs of the test app's worker have their own). */
  function messages(sent: SentStatement[]): string[] {
    const begin = sent.find((s) => s.sql.startsWith('BEGIN\n;\nSET LOCAL ROLE'));
    expect(begin).toBeDefined();
    const own = sent.filter((s) => s.runner === begin!.runner).map((s) => s.sql);
    return own.slice(own.indexOf(begin!.sql), own.indexOf('COMMIT', own.indexOf(begin!.sql)) + 1);
  }

  it("carries three businesses' units in one transaction, a few messages for all, each row under its own business", async () => {
    const sids = tenants.map(() => [sid(), sid()]);
    let results: number[][] = [];
    const sent = await statementsSent(t.dataSource, async () => {
      results = await Promise.all(
        tenants.map((tenant, i) =>
          db.runShared(tenant.clientId, async (manager) => {
            const first = await logCall(manager, sids[i][0]);
            const second = await logCall(manager, sids[i][1]);
            const [{ n }] = (await manager.query(`SELECT count(*)::int AS n FROM calls WHERE twilio_call_sid = ANY($1)`, [sids.flat()])) as Array<{ n: number }>;
            return [first, second, n];
          }),
        ),
      );
    });
    const stored = await owners(sids.flat());
    tenants.forEach((tenant, i) => {
      expect(stored.get(sids[i][0])).toBe(tenant.clientId);
      expect(stored.get(sids[i][1])).toBe(tenant.clientId);
      // Row-level security: each unit counts only its own business's two calls, though all six are in the transaction.
      expect(results[i][2]).toBe(2);
    });
    // 9 statements in 4 messages: BEGIN with everyone's first, everyone's second, everyone's count, COMMIT.
    const trips = messages(sent);
    expect(trips).toHaveLength(4);
    expect(trips[0].match(/set_config\('app\.client_id'/g)).toHaveLength(3);
    expect(trips[3]).toBe('COMMIT');
  });

  it("refuses a unit that writes another business's row, runs everyone again alone, and only that unit fails", async () => {
    const [a, b, c] = tenants;
    const good = [sid(), sid()];
    const forged = sid();
    const committed: number[] = [];
    const unit = (callSid: string, as?: number) => async (manager: EntityManager) => {
      const tenant = TenantContext.current().clientId;
      TenantContext.current().afterCommit.push(async () => void committed.push(tenant));
      return logCall(manager, callSid, as);
    };
    const settled = await Promise.allSettled([db.runShared(a.clientId, unit(good[0])), db.runShared(b.clientId, unit(forged, c.clientId)), db.runShared(c.clientId, unit(good[1]))]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/row-level security/);
    const stored = await owners([...good, forged]);
    expect([stored.get(good[0]), stored.get(forged), stored.get(good[1])]).toEqual([a.clientId, undefined, c.clientId]);
    // Each committed unit's after-commit work ran once; the refused unit's never did.
    expect(committed.sort()).toEqual([a.clientId, c.clientId].sort());
  });

  it('commits nothing of a unit that throws after writing; the other units still commit, once', async () => {
    const [a, b] = tenants;
    const kept = sid();
    const dropped = sid();
    const runs = { a: 0, b: 0 };
    const settled = await Promise.allSettled([
      db.runShared(a.clientId, async (manager) => {
        runs.a++;
        return logCall(manager, kept);
      }),
      db.runShared(b.clientId, async (manager) => {
        runs.b++;
        await logCall(manager, dropped);
        throw new Error('the unit changes its mind');
      }),
    ]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toContain('changes its mind');
    const stored = await owners([kept, dropped]);
    expect([stored.get(kept), stored.get(dropped)]).toEqual([a.clientId, undefined]);
    // All or nothing: the shared try and then each unit alone.
    expect(runs).toEqual({ a: 2, b: 2 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM calls WHERE twilio_call_sid = $1`, [kept])).toEqual([{ n: 1 }]);
  });

  it('runs a unit that controls the transaction (a nested transaction, a SET) alone, where it works', async () => {
    const [a, b] = tenants;
    const nested = sid();
    const other = sid();
    const [viaSavepoint, , setting] = await Promise.all([
      db.runShared(a.clientId, (manager) => manager.transaction((inner) => logCall(inner, nested))),
      db.runShared(b.clientId, (manager) => logCall(manager, other)),
      db.runShared(tenants[2].clientId, async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = '5s'`);
        return ((await manager.query(`SHOW statement_timeout`)) as Array<{ statement_timeout: string }>)[0].statement_timeout;
      }),
    ]);
    expect(viaSavepoint).toBeGreaterThan(0);
    expect(setting).toBe('5s');
    expect((await owners([nested, other])).size).toBe(2);
  });

  it("never puts two units of one business in transactions open at once: the second waits for the first's to end", async () => {
    const [a] = tenants;
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.runShared(a.clientId, async (manager) => {
      await logCall(manager, sid());
      events.push('first wrote');
      await held;
      events.push('first done');
    });
    const second = db.runShared(a.clientId, async (manager) => {
      events.push('second started');
      await logCall(manager, sid());
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toEqual(['first wrote']);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first wrote', 'first done', 'second started']);
  });

  it("ends the transaction outside its units' tenant scope, even when a unit's own statement is the last to return", async () => {
    const [a] = tenants;
    const late = sid();
    // The unit leaves its statement running and finishes before it returns: the shared transaction
    // then ends from the message that carried it, which was scheduled inside the unit's tenant scope.
    const unfinished = async (manager: EntityManager, callSid: string) => {
      void logCall(manager, callSid).catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const seen: Array<number | undefined> = [];
    await db.runShared(a.clientId, async (manager) => {
      TenantContext.current().afterCommit.push(async () => void seen.push(TenantContext.peek()?.clientId));
      await unfinished(manager, late);
    });
    expect(seen).toEqual([undefined]);
    expect((await owners([late])).get(late)).toBe(a.clientId);

    // The same when the unit fails: it runs again alone, in a transaction of its own, and fails as itself.
    await expect(
      db.runShared(a.clientId, async (manager) => {
        await unfinished(manager, sid());
        throw new Error('its own failure');
      }),
    ).rejects.toThrow('its own failure');
  });

  it("joins the caller's own tenant transaction when there is one, and refuses another tenant's", async () => {
    const [a, b] = tenants;
    const callSid = sid();
    await expect(
      db.run(a.clientId, async () => {
        await db.runShared(a.clientId, (manager) => logCall(manager, callSid));
        throw new Error('the caller rolls back');
      }),
    ).rejects.toThrow('the caller rolls back');
    expect((await owners([callSid])).size).toBe(0);
    await expect(db.run(a.clientId, () => db.runShared(b.clientId, async () => 1))).rejects.toThrow(/inside tenant/);
    await expect(db.runShared(0, async () => 1)).rejects.toThrow(/Invalid tenant id/);
  });
});
