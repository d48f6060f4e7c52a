import { FixedClock, TenantDatabase } from '@ringlypro/core';
import { CallLogService } from '@ringlypro/telephony';
import { QueryFailedError } from 'typeorm';
import { paidRachelBusiness, phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { type SentStatement, statementsSent } from '../support/sql-log';

// Monday 30 November 2026, 10:00 in New York.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));

/**
 * What a Rachel call's turns and its status callback cost in SQL statements (round trips, BEGIN and
 * COMMIT included), with the same records as ever: the turn's transcript and call record, the hold on
 * credit, the charge, the settled admission, the call's final status. Bounds, not exact counts, so a
 * statement saved elsewhere (a cached client row) keeps them true.
 */
describe('SQL statements per Rachel webhook', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    ({ tenant, rachelNumber } = await paidRachelBusiness(t));
  });
  afterAll(() => t.close());

  const statementsDuring = (fn: () => Promise<unknown>) => statementsSent(t.dataSource, fn);

  /**
   * The webhook's own statements: its transaction, BEGIN to COMMIT, on its connection (the directory
   * and the conversation store answer from memory and Redis). Jobs the test app's worker runs
   * meanwhile have transactions and connections of their own.
   */
  function webhookTransaction(statements: SentStatement[]): string[] {
    const begin = statements.find((s) => s.sql.startsWith('BEGIN'));
    expect(begin).toBeDefined();
    const own = statements.filter((s) => s.runner === begin!.runner).map((s) => s.sql);
    const from = own.indexOf(begin!.sql);
    const to = own.indexOf('COMMIT', from);
    expect(to).toBeGreaterThan(from);
    return own.slice(from, to + 1);
  }

  const admission = async (callSid: string) =>
    (await t.dataSource.query(`SELECT reserved_minutes, settled_at FROM call_admissions WHERE call_sid = $1`, [callSid]))[0] as { reserved_minutes: number; settled_at: Date | null };

  it('a turn that grows the hold costs at most 6 statements, one within the held minutes at most 4; the status callback at most 7', async () => {
    const call = phoneCall(t, rachelNumber);
    expect((await call.dial()).status).toBe('listening');
    expect((await admission(call.callSid)).reserved_minutes).toBe(1);

    clock.advance(5_000);
    // The first turn: the call holds the minute in progress and two ahead (BEGIN, admission read with
    // the account lock, client, the growth, transcript with the call record, COMMIT).
    const growing = await statementsDuring(async () => expect((await call.say('What are your hours?')).status).toBe('listening'));
    expect(webhookTransaction(growing).length).toBeLessThanOrEqual(6);
    expect((await admission(call.callSid)).reserved_minutes).toBe(3);

    clock.advance(5_000);
    // Still within what it holds: no lock, no growth (BEGIN, admission read, transcript with the call record, COMMIT).
    const holding = await statementsDuring(async () => expect((await call.say('And where are you?')).status).toBe('listening'));
    expect(webhookTransaction(holding).length).toBeLessThanOrEqual(4);

    const [turns] = await t.dataSource.query(`SELECT COUNT(*)::int AS lines, MAX(turn) AS last FROM call_turns ct JOIN calls c ON c.id = ct.call_id WHERE c.twilio_call_sid = $1`, [call.callSid]);
    expect(turns).toEqual({ lines: expect.any(Number), last: 2 });

    // BEGIN, the status with the outcome, admission with the lock, client, charge with account and
    // admission, the slot hold released, COMMIT.
    const ending = await statementsDuring(() => call.hangUp('completed', 75));
    expect(webhookTransaction(ending).length).toBeLessThanOrEqual(7);
    const [row] = await t.dataSource.query(`SELECT status, duration, outcome FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(row).toEqual({ status: 'completed', duration: 75, outcome: expect.any(String) });
    expect(await admission(call.callSid)).toEqual({ reserved_minutes: 0, settled_at: expect.any(Date) });
    const [charge] = await t.dataSource.query(`SELECT duration_seconds, paid_minutes_charged, cost::text AS cost, balance_after::text AS balance_after FROM usage_records WHERE call_sid = $1`, [call.callSid]);
    expect(charge).toEqual({ duration_seconds: 75, paid_minutes_charged: 2, cost: '0.20', balance_after: '4.80' });

    // Twilio repeats the callback: nothing more is charged.
    await call.hangUp('completed', 75);
    expect(await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM usage_records WHERE call_sid = $1`, [call.callSid])).toEqual([{ n: 1 }]);
    const [acct] = await t.dataSource.query(`SELECT balance::text AS balance, total_minutes_used FROM credit_accounts WHERE client_id = $1`, [tenant.clientId]);
    expect(acct).toEqual({ balance: '4.80', total_minutes_used: 2 });
  });

  it("the hand-written statements of a turn and a status callback reach only the tenant's calls", async () => {
    const other = await registerTenant(t.http);
    const call = phoneCall(t, rachelNumber);
    await call.dial();
    const [row] = await t.dataSource.query(`SELECT id FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    const calls = t.app.get(CallLogService);
    const db = t.app.get(TenantDatabase);
    // Another business writes a transcript line and an outcome onto this call: refused or touching nothing.
    await expect(
      db.run(other.clientId, () => calls.recordTurn(row.id, call.callSid, [{ turn: 1, speaker: 'caller', text: 'not yours' }], { outcome: 'booked' })),
    ).rejects.toBeInstanceOf(QueryFailedError);
    // Its status callback for this CallSid neither moves this call nor logs one of its own (the CallSid is taken).
    expect(await db.run(other.clientId, () => calls.applyStatus({ callSid: call.callSid, from: '+13105550199', to: rachelNumber, status: 'completed', durationSeconds: 9 }))).toBe('ignored');
    const [after] = await t.dataSource.query(`SELECT client_id, status, duration, outcome FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(after).toMatchObject({ client_id: tenant.clientId, duration: null });
    expect(after.status).not.toBe('completed');
    expect(after.outcome).not.toBe('booked');
    expect(await t.dataSource.query(`SELECT id FROM call_turns WHERE text = 'not yours'`)).toEqual([]);
  });
});
