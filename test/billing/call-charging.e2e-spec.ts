import { FixedClock, JobName, QueueService } from '@ringlypro/core';
import { ResetFreeMinutesJob } from '../../libs/billing/src/reset/reset-free-minutes.job';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';
import { account, billingPorts, callSid, ledgerRows, setAccount } from './billing-fixtures';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

/**
 * Billing end to end through Twilio's signed webhooks: /voice/status charges the calls billing
 * admitted, once; the monthly reset runs as a job, safely twice, and is booked at boot.
 */
describe('calls charged through /voice/status, texts through the delivery path, the monthly reset', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;
  // Friday 27 Nov 2026, 10:00 in New York.
  const clock = new FixedClock(new Date('2026-11-27T15:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { owner_phone: '+12125550142' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  function status(sid: string, callStatus: string, extra: Record<string, string> = {}) {
    const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: sid, From: '+13105550199', To: rachelNumber, CallStatus: callStatus, Direction: 'inbound', ...extra };
    return t.http.post('/voice/status').type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/status`, params)).send(params).expect(200);
  }

  it("charges a Rachel call's status callback once, even when Twilio delivers it three times", async () => {
    const sid = callSid();
    expect(await billingPorts(t, tenant.clientId).admit(sid)).toEqual({ admitted: true });
    await status(sid, 'in-progress');
    await Promise.all([status(sid, 'completed', { CallDuration: '125' }), status(sid, 'completed', { CallDuration: '125' }), status(sid, 'completed', { CallDuration: '125' })]);
    const calls = (await ledgerRows(t, tenant.clientId)).filter((r) => r.call_sid === sid);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ duration_seconds: 125, duration_minutes: '3', charged_from: 'free_tier' });
    expect((await t.http.get('/api/credits/balance').set(tenant.auth)).body.free_minutes).toMatchObject({ used: 3, left: 97 });
  });

  it('charges nothing for a call Rachel did not handle (Rachel off: forwarded to the owner, never admitted)', async () => {
    const before = await account(t, tenant.clientId);
    const sid = callSid();
    await status(sid, 'ringing');
    await status(sid, 'completed', { CallDuration: '600' });
    expect((await ledgerRows(t, tenant.clientId)).filter((r) => r.call_sid === sid)).toEqual([]);
    expect(await account(t, tenant.clientId)).toEqual(before);
  });

  it('a call that ends unanswered releases what it held and charges its zero minutes', async () => {
    const sid = callSid();
    await billingPorts(t, tenant.clientId).admit(sid);
    await status(sid, 'no-answer');
    const [held] = await t.dataSource.query(`SELECT reserved_minutes, settled_at FROM call_admissions WHERE call_sid = $1`, [sid]);
    expect(held).toMatchObject({ reserved_minutes: 0, settled_at: expect.any(Date) });
    expect((await ledgerRows(t, tenant.clientId)).find((r) => r.call_sid === sid)).toMatchObject({ duration_minutes: '0', cost: '0.00' });
  });

  it('meters a text sent from the dashboard per segment, once Twilio has accepted it', async () => {
    const body = 'x'.repeat(200);
    const sent = await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: '+13105550123', body }).expect(202);
    const sid = await eventually(async () => (await t.dataSource.query(`SELECT twilio_sid FROM messages WHERE id = $1`, [sent.body.id]))[0].twilio_sid, 'text sent');
    const [row] = (await ledgerRows(t, tenant.clientId)).filter((r) => r.message_sid === sid);
    expect(row).toMatchObject({ usage_type: 'sms', segments: 2, cost: '0.00' });
  });

  it('bills a completed call with an unreadable CallDuration by its own measure, and caps one longer than any call (24 h), never free', async () => {
    // The fixed clock has not moved since admission: by billing's measure the call lasted its first second.
    for (const garbled of ['12.5', '-3', '1e3', '']) {
      const sid = callSid();
      expect(await billingPorts(t, tenant.clientId).admit(sid)).toEqual({ admitted: true });
      await status(sid, 'completed', { CallDuration: garbled });
      expect([garbled, (await ledgerRows(t, tenant.clientId)).find((r) => r.call_sid === sid)]).toEqual([garbled, expect.objectContaining({ duration_seconds: 1, duration_minutes: '1' })]);
    }
    // Last: a day-long call uses up the free minutes (and what credit there is).
    const huge = callSid();
    expect(await billingPorts(t, tenant.clientId).admit(huge)).toEqual({ admitted: true });
    await status(huge, 'completed', { CallDuration: '99999999999' });
    expect((await ledgerRows(t, tenant.clientId)).find((r) => r.call_sid === huge)).toMatchObject({ duration_seconds: 86_400, duration_minutes: '1440' });
    const [call] = await t.dataSource.query(`SELECT duration FROM calls WHERE twilio_call_sid = $1`, [huge]);
    expect(call.duration).toBe(86_400);
  });

  describe('monthly reset', () => {
    it('resets free minutes at the start of the local month, keeps the paid balance, and is safe to run twice', async () => {
      const b = await registerTenant(t.http, { timezone: 'America/Los_Angeles' });
      await setAccount(t, b.clientId, { free_minutes_used: 100, balance: '7.30' });
      await t.dataSource.query(`UPDATE credit_accounts SET free_minutes_reset_date = '2026-12-01' WHERE client_id = $1`, [b.clientId]);
      const job = t.app.get(ResetFreeMinutesJob);
      // 1 Dec 07:59Z is still 30 Nov 23:59 in Los Angeles: not yet.
      await job.resetDue(new Date('2026-12-01T07:59:00Z'));
      expect(await account(t, b.clientId)).toMatchObject({ free_minutes_used: 100, reset_date: '2026-12-01' });
      // Local midnight of 1 Dec (08:00Z): reset, next reset on 1 Jan; a second run finds nothing to do.
      await job.resetDue(new Date('2026-12-01T08:00:00Z'));
      await job.resetDue(new Date('2026-12-01T08:00:00Z'));
      expect(await account(t, b.clientId)).toMatchObject({ free_minutes_used: 0, reset_date: '2027-01-01', balance: '7.30' });
    });

    it('a charge in the first minutes of the month gets the new allowance even before the job runs', async () => {
      const b = await registerTenant(t.http);
      await setAccount(t, b.clientId, { free_minutes_used: 100, balance: '1.00' });
      await t.dataSource.query(`UPDATE credit_accounts SET free_minutes_reset_date = '2026-12-01' WHERE client_id = $1`, [b.clientId]);
      const start = clock.now();
      try {
        clock.set(new Date('2026-12-01T05:01:00Z')); // 00:01 in New York
        const ports = billingPorts(t, b.clientId);
        const sid = callSid();
        await ports.admit(sid);
        await ports.callEnded(sid, 60);
      } finally {
        clock.set(start);
      }
      expect(await account(t, b.clientId)).toMatchObject({ free_minutes_used: 1, balance: '1.00', reset_date: '2027-01-01' });
    });

    it('a reset date past the next local 1st (a sign-up late on the last day, UTC already in the next month) is pulled back', async () => {
      const b = await registerTenant(t.http);
      await t.dataSource.query(`UPDATE credit_accounts SET free_minutes_reset_date = '2027-01-01' WHERE client_id = $1`, [b.clientId]);
      const res = await t.http.get('/api/credits/balance').set(b.auth).expect(200);
      expect(res.body.free_minutes.resets_on).toBe('2026-12-01');
      expect((await account(t, b.clientId)).reset_date).toBe('2026-12-01');
    });

    it('is booked at boot for the current quarter hour, and books the next run', async () => {
      const queue = t.app.get(QueueService);
      const now = clock.now();
      const quarter = new Date(Math.floor(now.getTime() / 900_000) * 900_000);
      const booted = await eventually(() => queue.getJob(JobName.ResetFreeMinutes, `reset-free-minutes:${quarter.toISOString()}`), 'boot run');
      expect(booted).toBeTruthy();
      const next = new Date(quarter.getTime() + 900_000);
      expect(await eventually(() => queue.getJob(JobName.ResetFreeMinutes, `reset-free-minutes:${next.toISOString()}`), 'next run')).toMatchObject({ state: 'delayed' });
    });
  });
});
