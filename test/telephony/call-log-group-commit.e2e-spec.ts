import { GroupCommitter, TenantDatabase } from '@ringlypro/core';
import { CallLogWriter, inboundCallsStatement } from '@ringlypro/telephony';
import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';
import { statementsSent } from '../support/sql-log';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const sid = () => 'CA' + randomBytes(16).toString('hex');
type Row = Parameters<typeof inboundCallsStatement>[1][number];
const row = (callSid = sid()): Row => ({ callSid, from: '+13105550199', to: '+12125550100', status: 'ringing', startTime: new Date() });

/**
 * Issue 12: concurrent webhooks' call-log rows are group-committed — one transaction per event-loop
 * turn — each committed before its webhook answers, each under its own tenant's row-level security,
 * and a bad row fails only its own caller.
 */
describe('call log group commit', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    for (const tenant of [a, b]) await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  const statementsDuring = async (fn: () => Promise<unknown>) => (await statementsSent(t.dataSource, fn)).map((s) => s.sql);

  /** The Rachel-off greeting (forward to the owner), which logs the call and answers with <Dial>. */
  function forward(tenant: TestTenant, callSid: string) {
    const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: callSid, From: '+13105550199', To: '+12125550100', CallStatus: 'ringing', Direction: 'inbound' };
    const path = `/voice/forward-to-owner/${tenant.clientId}`;
    return t.http.post(path).type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}${path}`, params)).send(params);
  }
  const owners = async (sids: string[]) =>
    new Map(((await t.dataSource.query(`SELECT twilio_call_sid, client_id FROM calls WHERE twilio_call_sid = ANY($1)`, [sids])) as Array<{ twilio_call_sid: string; client_id: number }>).map((r) => [r.twilio_call_sid, r.client_id]));

  it('logs 60 concurrent calls of two businesses in far fewer transactions, each under its own business', async () => {
    const calls = Array.from({ length: 60 }, (_, i) => ({ tenant: i % 2 ? a : b, callSid: sid() }));
    let statuses: number[] = [];
    const statements = await statementsDuring(async () => {
      statuses = (await Promise.all(calls.map((c) => forward(c.tenant, c.callSid)))).map((r) => r.status);
    });
    expect(statuses.every((s) => s === 200)).toBe(true);
    const stored = await owners(calls.map((c) => c.callSid));
    for (const c of calls) expect(stored.get(c.callSid)).toBe(c.tenant.clientId);
    // On Postgres, requests overlap and share transactions. The embedded database serves one
    // statement at a time, so requests there rarely overlap enough to share one (correct either way).
    const inserts = statements.filter((s) => s.includes('INSERT INTO calls'));
    if (process.env.DATABASE_URL) expect(inserts.length).toBeLessThan(60);
  });

  it('sends the rows of one event-loop turn as one message: one BEGIN, one INSERT per tenant, one COMMIT', async () => {
    const committer = new GroupCommitter<Row>(t.dataSource, inboundCallsStatement);
    const rows = Array.from({ length: 60 }, (_, i) => ({ tenant: i % 2 ? a : b, row: row() }));
    const statements = await statementsDuring(() => Promise.all(rows.map((r) => committer.write(r.tenant.clientId, r.row))));
    expect(statements).toHaveLength(1);
    expect(statements[0].split(';\n').map((s) => s.replace(/\(client_id.*$/s, '').replace(/'\d+'/, "'N'"))).toEqual([
      'BEGIN',
      "SET LOCAL ROLE ringlypro_app; SELECT set_config('app.client_id', 'N', true)",
      'INSERT INTO calls ',
      "SELECT set_config('app.client_id', 'N', true)",
      'INSERT INTO calls ',
      'COMMIT',
    ]);
    const stored = await owners(rows.map((r) => r.row.callSid));
    for (const r of rows) expect(stored.get(r.row.callSid)).toBe(r.tenant.clientId);
  });

  it('has committed the row by the time the webhook answers', async () => {
    for (let i = 0; i < 5; i++) {
      const callSid = sid();
      await forward(a, callSid).expect(200);
      expect((await owners([callSid])).get(callSid)).toBe(a.clientId);
    }
  });

  it('keeps a CallSid delivered twice (Twilio retry) in the same batch once', async () => {
    const callSid = sid();
    await Promise.all([forward(a, callSid), forward(a, callSid), forward(a, callSid)]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM calls WHERE twilio_call_sid = $1`, [callSid]);
    expect(n).toBe(1);
  });

  it("refuses, under row-level security, a fast-path row written in another tenant's name — and only that caller fails", async () => {
    // A writer that ignores the tenant it is given: row-level security must stop it inside the batch.
    const hostile = (clientId: number, rows: Row[]) => {
      const target = rows.some((r) => r.callSid.endsWith('ffff')) ? (clientId === a.clientId ? b.clientId : a.clientId) : clientId;
      return inboundCallsStatement(target, rows);
    };
    const committer = new GroupCommitter<Row>(t.dataSource, hostile);
    const good = [row(), row(), row()];
    const bad = row('CA' + randomBytes(14).toString('hex') + 'ffff');
    const results = await Promise.allSettled([committer.write(a.clientId, good[0]), committer.write(b.clientId, good[1]), committer.write(a.clientId, bad), committer.write(a.clientId, good[2])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/row-level security/);
    const stored = await owners([...good, bad].map((r) => r.callSid));
    expect([stored.get(good[0].callSid), stored.get(good[1].callSid), stored.get(good[2].callSid), stored.get(bad.callSid)]).toEqual([a.clientId, b.clientId, a.clientId, undefined]);
  });

  it('isolates a failing row (a constraint) to its caller; the rest of the batch commits', async () => {
    const committer = new GroupCommitter<Row>(t.dataSource, inboundCallsStatement);
    const good = [row(), row()];
    const results = await Promise.allSettled([committer.write(a.clientId, good[0]), committer.write(a.clientId, { ...row(), status: 'x'.repeat(21) }), committer.write(a.clientId, good[1])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await owners(good.map((r) => r.callSid))).size).toBe(2);
  });

  it('bounds a batch: 250 concurrent rows take at least three INSERTs, and all commit', async () => {
    const committer = new GroupCommitter<Row>(t.dataSource, inboundCallsStatement, 100);
    const rows = Array.from({ length: 250 }, () => row());
    const statements = await statementsDuring(() => Promise.all(rows.map((r) => committer.write(a.clientId, r))));
    expect(statements.join('\n').match(/INSERT INTO calls/g)!.length).toBeGreaterThanOrEqual(3);
    expect((await owners(rows.map((r) => r.callSid))).size).toBe(250);
  });

  it('refuses to batch from inside a tenant transaction, and the writer then joins that transaction instead', async () => {
    const db = t.app.get(TenantDatabase);
    const committer = new GroupCommitter<Row>(t.dataSource, inboundCallsStatement);
    await expect(db.run(a.clientId, () => committer.write(a.clientId, row()))).rejects.toThrow(/inside a tenant transaction/);
    const callSid = sid();
    await expect(
      db.run(a.clientId, async () => {
        await t.app.get(CallLogWriter).logInbound(a.clientId, { callSid, from: '+13105550199', to: '+12125550100', status: 'ringing' });
        throw new Error('the caller rolls back');
      }),
    ).rejects.toThrow('the caller rolls back');
    expect((await owners([callSid])).size).toBe(0);
  });

  it('refuses an invalid tenant id without touching the database', async () => {
    const committer = new GroupCommitter<Row>(t.dataSource, inboundCallsStatement);
    for (const bad of [0, -3, 1.5, Number.NaN]) await expect(committer.write(bad, row())).rejects.toThrow(/Invalid tenant id/);
  });
});
