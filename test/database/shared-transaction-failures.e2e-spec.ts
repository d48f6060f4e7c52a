import { ErrorLogService, RequestContext, type RequestContextStore, TenantDatabase } from '@ringlypro/core';
import type { EntityManager } from 'typeorm';
import { callSid as sid, logCall } from '../support/call-rows';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Shared tenant transactions when things go wrong: each test reproduces a defect an outside review of
 * TenantDatabase.runShared found (each failed on 349b57e) — a re-run in another request's context, an
 * error filed under another business, a business stalled by another's lock, a re-run on a released
 * runner, commit events missing for subscribers, a unit throwing synchronously. Postgres only.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('shared tenant transactions: failures and their context', () => {
  let t: TestApp;
  let db: TenantDatabase;
  const tenants: TestTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(TenantDatabase);
    for (let i = 0; i < 2; i++) tenants.push(await registerTenant(t.http));
  });
  afterAll(() => t.close());
  const afterTest: Array<() => unknown> = [];
  afterEach(() => afterTest.splice(0).forEach((undo) => undo()));

  it("re-runs every unit alone in its own request's context: its own request id and business", async () => {
    const [a, b] = tenants;
    const storeA: RequestContextStore = { requestId: 'review-req-a-' + sid() };
    const storeB: RequestContextStore = { requestId: 'review-req-b-' + sid() };
    const seen: Array<{ tenant: number; requestId: string | undefined }> = [];
    const unitA = async (manager: EntityManager) => {
      seen.push({ tenant: a.clientId, requestId: RequestContext.current()?.requestId });
      await logCall(manager, sid());
      await sleep(50); // A settles after B
    };
    const unitB = async (manager: EntityManager) => {
      seen.push({ tenant: b.clientId, requestId: RequestContext.current()?.requestId });
      await logCall(manager, sid());
      throw new Error('B fails: everyone runs again alone');
    };
    const settled = await Promise.allSettled([RequestContext.run(storeA, () => db.runShared(a.clientId, unitA)), RequestContext.run(storeB, () => db.runShared(b.clientId, unitB))]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    // Each unit, on its re-run too, must see its own request.
    for (const { tenant, requestId } of seen) expect(requestId).toBe(tenant === a.clientId ? storeA.requestId : storeB.requestId);
    // And each request keeps its own tenant.
    expect(storeA.clientId).toBe(a.clientId);
    expect(storeB.clientId).toBe(b.clientId);
  });

  it("files an error request A records later under A's business, not under a business re-run in A's context", async () => {
    const [a, b] = tenants;
    const storeA: RequestContextStore = { requestId: 'review-err-a-' + sid() };
    const storeB: RequestContextStore = { requestId: 'review-err-b-' + sid() };
    await Promise.allSettled([
      RequestContext.run(storeA, () =>
        db.runShared(a.clientId, async (m) => {
          await logCall(m, sid());
          await sleep(50);
        }),
      ),
      RequestContext.run(storeB, () =>
        db.runShared(b.clientId, async (m) => {
          await logCall(m, sid());
          throw new Error('B fails');
        }),
      ),
    ]);
    // e.g. RachelCalls.fallback after the greeting: outside any tenant transaction, the request's clientId is used.
    await RequestContext.run(storeA, () => t.app.get(ErrorLogService).record({ error: new Error('probe for request A ' + storeA.requestId), source: 'webhook', path: '/voice/rachel' }));
    const rows = (await t.dataSource.query(`SELECT client_id FROM error_logs WHERE request_id = $1`, [storeA.requestId])) as Array<{ client_id: number }>;
    expect(rows.map((r) => r.client_id)).toEqual([a.clientId]);
  });

  it("does not let a unit waiting on its own business's lock stall another business's unit, or that business's next one", async () => {
    const [a, b] = tenants;
    const lockedSid = sid();
    await db.run(a.clientId, (m) => logCall(m, lockedSid));
    // Business A's own transaction (an API request, a job, a slow admin change…) holds A's call row for 1.5 s.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.run(a.clientId, async (m) => {
      await m.query(`SELECT id FROM calls WHERE twilio_call_sid = $1 FOR UPDATE`, [lockedSid]);
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    const timings: Record<string, number> = {};
    const unitA = db.runShared(a.clientId, async (m) => {
      await m.query(`UPDATE calls SET status = 'in-progress' WHERE twilio_call_sid = $1`, [lockedSid]);
    }).then(() => (timings.a = Date.now() - started));
    const unitB = db.runShared(b.clientId, async (m) => {
      await logCall(m, sid());
    }).then(() => (timings.b = Date.now() - started));
    // B's next webhook, a moment later.
    await sleep(20);
    const nextB = db.runShared(b.clientId, async (m) => {
      await logCall(m, sid());
    }).then(() => (timings.nextB = Date.now() - started));
    setTimeout(release, 1500);
    await Promise.all([holder, unitA, unitB, nextB]);
    // Business B's units touch nothing of A's: they are done while A's lock is still held (as with run()),
    // the shared attempt having given up on the lock wait and run every unit alone.
    expect(timings.a).toBeGreaterThanOrEqual(1500);
    expect(timings.b).toBeLessThan(1500);
    expect(timings.nextB).toBeLessThan(1500);
  });

  it("re-runs each unit alone in its own tenant when the last unit fails while a statement of its is on the wire", async () => {
    const [a, b] = tenants;
    const runs = { a: 0, b: 0 };
    const settled = await Promise.allSettled([
      db.runShared(a.clientId, async (m) => {
        runs.a++;
        await m.query('SELECT 1');
        // Two steps in parallel (a read and a check); the check fails while the read is still on the wire.
        await Promise.all([m.query('SELECT pg_sleep(0.3)'), sleep(50).then(() => Promise.reject(new Error('A gives up')))]);
      }),
      db.runShared(b.clientId, async (m) => {
        runs.b++;
        return logCall(m, sid());
      }),
    ]);
    // B did nothing wrong: re-run alone it must succeed; A must fail with its own error.
    expect(settled.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['Error: A gives up', 'ok']);
    expect(runs).toEqual({ a: 2, b: 2 });
  });

  it("tells TypeORM subscribers (ClientWriteWatcher: read-your-writes for client caches) that a unit's writes committed, as run() does", async () => {
    const [a] = tenants;
    // The mechanism ClientWriteWatcher relies on: afterQuery marks the runner that wrote clients in a
    // transaction, afterTransactionCommit of that runner drops the caches.
    const marked = new Set<unknown>();
    const committed: string[] = [];
    let label = '';
    const listener = {
      afterQuery: (e: { query: string; queryRunner: unknown }) => {
        if (e.query.includes('review-ryw-marker')) marked.add(e.queryRunner);
      },
      afterTransactionCommit: (e: { queryRunner: unknown }) => {
        if (marked.has(e.queryRunner)) committed.push(label);
      },
    };
    t.dataSource.subscribers.push(listener as never);
    afterTest.push(() => t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(listener as never), 1));
    const write = (m: EntityManager) => m.query(`UPDATE clients SET forwarding_verified = true WHERE id = $1 /* review-ryw-marker */`, [a.clientId]);
    label = 'run';
    await db.run(a.clientId, write);
    label = 'runShared';
    await db.runShared(a.clientId, write);
    expect(committed).toEqual(['run', 'runShared']);
  });

  it('settles every unit when one unit throws synchronously (a non-async fn), as run() does', async () => {
    // Fresh businesses: the hang outlives this test (both stay blocked for the life of the process).
    const a = await registerTenant(t.http);
    const b = await registerTenant(t.http);
    const outcome = (p: Promise<unknown>) => Promise.race([p.then(() => 'ok', (e: unknown) => `rejected: ${String(e)}`), sleep(3000).then(() => 'still pending after 3 s')]);
    const syncThrow = db.runShared(a.clientId, (() => {
      throw new Error('sync failure');
    }) as unknown as (m: EntityManager) => Promise<void>);
    const other = db.runShared(b.clientId, async (m) => {
      await logCall(m, sid());
    });
    const [first, second] = await Promise.all([outcome(syncThrow), outcome(other)]);
    expect(first).toBe('rejected: Error: sync failure');
    expect(second).toBe('ok');
  });
});
