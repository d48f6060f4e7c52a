import { FixedClock } from '@ringlypro/core';
import { twilioSignature } from '../fakes/twilio-signing';
import { eventually } from '../support/eventually';
import { paidRachelBusiness, phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestTenant } from '../support/tenants';

// Monday 30 November 2026, 10:00 in New York.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * A turn of a call locks the business's credit account and then the call's row; the call's final
 * status callback locks the call's row and then the account. When they meet, Postgres aborts one
 * (the first to have waited: the callback). Answered with a fallback, that callback would never come
 * again — Twilio only retries failures — and the call would never be charged. It is run again instead.
 * Postgres only: the embedded database runs one transaction at a time, so nothing can deadlock there.
 */
(process.env.DATABASE_URL ? describe : describe.skip)('status callback deadlocked by a turn of its call', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    ({ tenant, rachelNumber } = await paidRachelBusiness(t));
  });
  afterAll(() => t.close());

  it('is run again after losing the deadlock, and the call is charged once', async () => {
    const call = phoneCall(t, rachelNumber);
    expect((await call.dial()).status).toBe('listening');

    // "The turn": as the app's tenant role, the account locked first.
    const turn = t.dataSource.createQueryRunner();
    await turn.connect();
    await turn.query(`BEGIN; SET LOCAL ROLE ringlypro_app; SELECT set_config('app.client_id', '${tenant.clientId}', true)`);
    await turn.query(`SELECT id FROM credit_accounts WHERE client_id = $1 FOR UPDATE`, [tenant.clientId]);

    const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: call.callSid, From: '+13105550199', To: rachelNumber, CallStatus: 'completed', CallDuration: '75', Direction: 'inbound' };
    const callback = t.http.post('/voice/status').type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/status`, params)).send(params).then((res) => res);
    // The callback has moved the call (its row locked) and now waits for the account.
    await eventually(
      async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%credit_accounts%'`))[0].n) > 0,
      'the callback waiting for the account lock',
    );
    // The turn now wants the call's row: a deadlock, which Postgres breaks by aborting the callback.
    await turn.query(`UPDATE calls SET updated_at = CURRENT_TIMESTAMP WHERE client_id = $1 AND twilio_call_sid = $2`, [tenant.clientId, call.callSid]);
    await turn.query('COMMIT');
    await turn.release();

    const res = await callback;
    expect([res.status, res.text]).toEqual([200, EMPTY]);
    const [row] = await t.dataSource.query(`SELECT status, duration FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(row).toEqual({ status: 'completed', duration: 75 });
    expect(await t.dataSource.query(`SELECT duration_seconds, cost::text AS cost FROM usage_records WHERE call_sid = $1`, [call.callSid])).toEqual([{ duration_seconds: 75, cost: '0.20' }]);
    const [admission] = await t.dataSource.query(`SELECT reserved_minutes, settled_at FROM call_admissions WHERE call_sid = $1`, [call.callSid]);
    expect(admission).toEqual({ reserved_minutes: 0, settled_at: expect.any(Date) });
  });
});
