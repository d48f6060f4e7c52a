import { FixedClock } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { account, billingPorts, callSid, ledgerRows, setAccount } from './billing-fixtures';

/**
 * Billing's CallAdmission and UsageMeter against the real database, called as telephony and voice
 * call them: admission decides, reservations hold minutes, the meter charges once per CallSid.
 */
describe('call admission, reservation and metering', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-11-10T15:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  async function business(state: Parameters<typeof setAccount>[2] = {}): Promise<TestTenant & { ports: ReturnType<typeof billingPorts> }> {
    const tenant = await registerTenant(t.http, { owner_phone: '+12125550142' });
    if (Object.keys(state).length) await setAccount(t, tenant.clientId, state);
    return { ...tenant, ports: billingPorts(t, tenant.clientId) };
  }

  it('a call that was never admitted (Rachel off, forwarded to the owner) is never charged', async () => {
    const b = await business();
    expect(await b.ports.callEnded(callSid(), 300)).toBe('not_admitted');
    expect(await ledgerRows(t, b.clientId)).toEqual([]);
    expect(await account(t, b.clientId)).toMatchObject({ balance: '0.00', free_minutes_used: 0, total_minutes_used: 0 });
  });

  it('charges an admitted call once, in whole minutes rounded up, free minutes first', async () => {
    const b = await business();
    const sid = callSid();
    expect(await b.ports.admit(sid)).toEqual({ admitted: true });
    expect(await b.ports.callEnded(sid, 61)).toBe('charged');
    // Twilio retries and duplicated status events, also concurrently: nothing changes.
    expect(await Promise.all([b.ports.callEnded(sid, 61), b.ports.callEnded(sid, 61), b.ports.callEnded(sid, 999)])).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const rows = await ledgerRows(t, b.clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ call_sid: sid, usage_type: 'voice_call', duration_seconds: 61, duration_minutes: '2', charged_from: 'free_tier', free_minutes_charged: 2, paid_minutes_charged: 0, free_minutes_before: 100, free_minutes_after: 98 });
    expect(await account(t, b.clientId)).toMatchObject({ free_minutes_used: 2, total_minutes_used: 2, balance: '0.00' });
    // The reservation is released when the call is charged.
    expect(await b.ports.secondsLeft(sid)).toBe(0);
  });

  it('a call crossing the allowance is mixed, with both parts and the balances before and after', async () => {
    const b = await business({ balance: '5.00', free_minutes_used: 98 });
    const sid = callSid();
    await b.ports.admit(sid);
    await b.ports.callEnded(sid, 4 * 60 + 30);
    const [row] = await ledgerRows(t, b.clientId);
    expect(row).toMatchObject({ charged_from: 'mixed', free_minutes_charged: 2, paid_minutes_charged: 3, cost: '0.30', balance_before: '5.00', balance_after: '4.70', free_minutes_before: 2, free_minutes_after: 0 });
    expect(await account(t, b.clientId)).toMatchObject({ balance: '4.70', free_minutes_used: 100, total_minutes_used: 5, total_amount_spent: '0.30' });
  });

  it('an exhausted account sends the call to the owner, and texts the owner once a day that Rachel is paused', async () => {
    const b = await business({ balance: '0.09', free_minutes_used: 100, low_balance_notified: true });
    expect(await b.ports.admit(callSid())).toEqual({ admitted: false, reason: 'no_credit' });
    expect(await b.ports.admit(callSid())).toEqual({ admitted: false, reason: 'no_credit' });
    const texts = () => t.dataSource.query(`SELECT to_number, body, status FROM messages WHERE client_id = $1 AND purpose = 'billing'`, [b.clientId]);
    await eventually(async () => (await texts()).length > 0, 'paused text');
    // The next day the owner is told again if calls are still being refused.
    clock.advance(24 * 3600 * 1000);
    try {
      expect(await b.ports.admit(callSid())).toMatchObject({ admitted: false });
      await eventually(async () => (await texts()).length === 2, 'second day text');
    } finally {
      clock.advance(-24 * 3600 * 1000);
    }
    const sent = await texts();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ to_number: '+12125550142', body: expect.stringContaining('Rachel is paused') });
    // A refused call was never admitted: its end charges nothing (the ledger holds only the texts to the owner).
    expect((await ledgerRows(t, b.clientId)).map((r) => r.usage_type)).toEqual(['sms', 'sms']);
  });

  it('a retried admission webhook gets the same decision', async () => {
    const b = await business({ balance: '0.10', free_minutes_used: 100 });
    const sid = callSid();
    expect(await b.ports.admit(sid)).toEqual({ admitted: true });
    expect(await b.ports.admit(sid)).toEqual({ admitted: true });
    // The one affordable minute is held by that call: a second call is refused.
    expect(await b.ports.admit(callSid())).toMatchObject({ admitted: false });
  });

  it('concurrent admissions of one business cannot overspend: exactly the affordable minutes are admitted', async () => {
    const b = await business({ balance: '0.30', free_minutes_used: 99 });
    const decisions = await Promise.all(Array.from({ length: 12 }, () => b.ports.admit(callSid())));
    expect(decisions.filter((d) => d.admitted)).toHaveLength(4);
    const [held] = await t.dataSource.query(`SELECT SUM(reserved_minutes)::int AS held FROM call_admissions WHERE client_id = $1 AND admitted`, [b.clientId]);
    expect(held.held).toBe(4);
  });

  it('concurrent calls in progress share the credit: what they hold never exceeds it', async () => {
    const b = await business({ balance: '0.50', free_minutes_used: 100 });
    const [x, y] = [callSid(), callSid()];
    await Promise.all([b.ports.admit(x), b.ports.admit(y)]);
    const left = await Promise.all([b.ports.secondsLeft(x), b.ports.secondsLeft(y)]);
    // 5 affordable minutes, each call wants 3 (the minute in progress and two ahead): 3 + 2.
    expect(left.sort()).toEqual([120, 180]);
    const [held] = await t.dataSource.query(`SELECT SUM(reserved_minutes)::int AS held FROM call_admissions WHERE client_id = $1`, [b.clientId]);
    expect(held.held).toBe(5);
  });

  it('a call running out of credit mid-conversation sees its seconds fall to zero (Rachel wraps up)', async () => {
    const b = await business({ balance: '0.30', free_minutes_used: 99 });
    const sid = callSid();
    const start = clock.now();
    try {
      expect(await b.ports.admit(sid)).toEqual({ admitted: true });
      expect(await b.ports.secondsLeft(sid)).toBe(180);
      clock.advance(150_000);
      expect(await b.ports.secondsLeft(sid)).toBe(90); // 4 minutes affordable: now all held
      clock.advance(60_000);
      expect(await b.ports.secondsLeft(sid)).toBe(30);
      clock.advance(45_000);
      expect(await b.ports.secondsLeft(sid)).toBe(0);
    } finally {
      clock.set(start);
    }
    // Twilio reports 4:15: 1 free minute, 4 paid — the overrun past the held minutes is billed as used.
    await b.ports.callEnded(sid, 255);
    expect(await account(t, b.clientId)).toMatchObject({ balance: '-0.10', free_minutes_used: 100 });
  });

  it('a call never admitted has no seconds', async () => {
    const b = await business();
    expect(await b.ports.secondsLeft(callSid())).toBe(0);
  });

  it('the low-balance text goes out once when the paid balance falls below the threshold, and is re-armed by a reload', async () => {
    const b = await business({ balance: '5.20', free_minutes_used: 100 });
    const texts = () => t.dataSource.query(`SELECT body FROM messages WHERE client_id = $1 AND purpose = 'billing' ORDER BY id`, [b.clientId]);
    for (const seconds of [60, 60, 60, 60]) {
      const sid = callSid();
      await b.ports.admit(sid);
      await b.ports.callEnded(sid, seconds);
    }
    expect(await account(t, b.clientId)).toMatchObject({ balance: '4.80', low_balance_notified: true });
    await eventually(async () => (await texts()).length === 1, 'low balance text');
    expect((await texts())[0].body).toContain('$4.90');
    // Add credit through the dev endpoint: above the threshold re-arms it.
    await t.http.post('/api/credits/test/add-credits').set(b.auth).send({ amount: '10.00' }).expect(201);
    expect(await account(t, b.clientId)).toMatchObject({ balance: '14.80', low_balance_notified: false });
  });

  it('texts are metered per segment at the configured rate (default 0), once per MessageSid', async () => {
    const b = await business({ balance: '1.00' });
    expect(await b.ports.textSent('SM' + 'a'.repeat(32), 2)).toBe('charged');
    expect(await b.ports.textSent('SM' + 'a'.repeat(32), 2)).toBe('duplicate');
    const rows = await ledgerRows(t, b.clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ usage_type: 'sms', segments: 2, cost: '0.00', charged_from: 'free_tier', balance_after: '1.00' });
  });

  it('1 000 concurrent calls charged against one account leave the exact balance', async () => {
    const b = await business({ balance: '200.00', free_minutes_used: 100 });
    const sids = Array.from({ length: 1000 }, () => callSid());
    const outcomes = await Promise.all(
      sids.map(async (sid) => {
        await b.ports.admit(sid);
        return b.ports.callEnded(sid, 60);
      }),
    );
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(1000);
    expect(await account(t, b.clientId)).toMatchObject({ balance: '100.00', total_minutes_used: 1000, total_amount_spent: '100.00' });
    const [sums] = await t.dataSource.query(`SELECT COUNT(*)::int AS n, SUM(cost)::text AS cost, MIN(balance_after)::text AS low FROM usage_records WHERE client_id = $1`, [b.clientId]);
    expect(sums).toEqual({ n: 1000, cost: '100.00', low: '100.00' });
  }, 120_000);
});
