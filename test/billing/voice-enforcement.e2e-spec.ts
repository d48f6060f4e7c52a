import { FixedClock } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

// Monday 30 November 2026, 10:00 in New York.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));

/**
 * Billing as Rachel's calls meet it: the real MeteredCallAdmission behind the voice webhooks (no test
 * adapter), so "no credit → the owner takes the call" and "credit runs out mid-call → Rachel wraps up"
 * are proven through signed webhooks against the real ledger.
 */
describe('billing enforced live on Rachel calls (real admission, signed webhooks)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  const setAccount = (freeMinutesUsed: number, balance: string) =>
    t.dataSource.query(`UPDATE credit_accounts SET free_minutes_used = $2, balance = $3 WHERE client_id = $1`, [tenant.clientId, freeMinutesUsed, balance]);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_name: 'Harbor Physio', owner_phone: '+12125550177' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date('2026-11-30T15:00:00Z')));

  it('an exhausted account sends the call to the owner without Rachel, charges nothing, and tells the owner once a day', async () => {
    await setAccount(100, '0.00');
    for (const attempt of [1, 2]) {
      const call = phoneCall(t, rachelNumber, `+1310555020${attempt}`);
      const answer = await call.dial();
      expect(answer.twiml).toContain('<Dial');
      expect(answer.twiml).toContain('+12125550177');
      expect(answer.twiml).not.toContain('<Gather');
      await call.hangUp('completed');
      const [admission] = await t.dataSource.query(`SELECT admitted FROM call_admissions WHERE call_sid = $1`, [call.callSid]);
      expect(admission).toEqual({ admitted: false });
      expect(await t.dataSource.query(`SELECT id FROM usage_records WHERE call_sid = $1`, [call.callSid])).toEqual([]);
      // The call is logged, and Rachel, who never spoke, has no lines in its transcript.
      const lines = await t.dataSource.query(`SELECT count(l.id)::int AS n FROM calls c LEFT JOIN call_turns l ON l.call_id = c.id WHERE c.twilio_call_sid = $1 GROUP BY c.id`, [call.callSid]);
      expect(lines).toEqual([{ n: 0 }]);
    }
    // Two refused calls, one "paused" text (the low-balance text, a separate notice, may come too).
    const notices = await eventually(async () => {
      const rows = await t.dataSource.query(`SELECT to_number, body FROM messages WHERE client_id = $1 AND purpose = 'billing' AND body LIKE '%Rachel is paused%'`, [tenant.clientId]);
      return rows.length ? rows : null;
    }, 'the paused notice');
    expect(notices).toHaveLength(1);
    expect(notices[0].to_number).toBe('+12125550177');
    const balance = await t.http.get('/api/credits/balance').set(tenant.auth).expect(200);
    expect(balance.body).toMatchObject({ balance: '0.00', free_minutes: { left: 0 }, affordable_minutes: 0, rachel_paused: true });
  });

  it('a call that runs out of credit mid-conversation wraps up politely, connects the owner, and is charged for Rachel\'s part only', async () => {
    await setAccount(100, '0.10'); // one paid minute at $0.10/min
    const call = phoneCall(t, rachelNumber, '+13105550299');
    const greeting = await call.dial();
    expect(greeting.status).toBe('listening');

    clock.advance(15_000); // 45 s of the one affordable minute left: Rachel carries on
    const first = await call.say('What are your hours?');
    expect(first.status).toBe('listening');

    clock.advance(25_000); // 20 s left: below one turn's worth
    const wrap = await call.say('And I want to book tomorrow at 2');
    expect(wrap.lines[0]).toBe("I'm sorry, I have to wrap up this call now.");
    expect(wrap.status).toBe('ringing-owner');
    expect(wrap.twiml).toContain('+12125550177');

    // The owner then talks with the caller for ten minutes: Twilio reports the whole call, 640 s, but
    // only Rachel's 40 s (one started minute) are charged — the owner's conversation is not AI.
    await call.hangUp('completed', 640);
    const [charge] = await t.dataSource.query(
      `SELECT charged_from, duration_seconds, cost::text AS cost, balance_after::text AS balance_after FROM usage_records WHERE call_sid = $1`,
      [call.callSid],
    );
    expect(charge).toMatchObject({ charged_from: 'paid_balance', duration_seconds: 40 });
    expect(Number(charge.cost)).toBeCloseTo(0.1, 4);
    expect(Number(charge.balance_after)).toBe(0);
  });
});
