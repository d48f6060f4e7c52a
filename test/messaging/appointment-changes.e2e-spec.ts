import { FixedClock, QUEUE_REGISTRY, type QueueRegistry } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FakeTwilio } from '../fakes/fake-twilio.server';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://ringlypro.example.com';
const FAST_RETRIES: QueueRegistry = {
  queues: QUEUE_REGISTRY.queues,
  jobs: Object.fromEntries(Object.entries(QUEUE_REGISTRY.jobs).map(([n, d]) => [n, { ...d, retry: { attempts: 3, backoff: { type: 'fixed' as const, delayMs: 20 } } }])),
};

describe('customers are told when the owner reschedules or cancels (real SDK, fake Twilio)', () => {
  const fake = new FakeTwilio();
  // Monday 2026-06-08 10:00 in New York.
  const clock = new FixedClock(new Date('2026-06-08T14:00:00Z'));
  let t: TestApp;
  let tenant: TestTenant;
  let rachel: string;
  let customer = 300;

  beforeAll(async () => {
    await fake.start();
    fake.inventory.set('657', ['+16575550190']);
    t = await startTestApp({
      clock,
      env: { TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID, TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN, TWILIO_API_BASE_URL: fake.baseUrl, WEBHOOK_BASE_URL: PUBLIC_BASE },
      queueRegistry: FAST_RETRIES,
    });
    tenant = await registerTenant(t.http, { business_phone: '(657) 600-3000', business_name: 'Acme Plumbing' });
    rachel = await eventually(async () => (await t.http.get('/api/client/me/rachel-status').set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => expect(fake.violations).toEqual([]));

  const nextCustomer = () => `+1657555${String(customer++).padStart(4, '0')}`;
  const bodiesTo = (phone: string) => fake.messages.filter((m) => m.to === phone).map((m) => m.body);
  /** Books and waits for the confirmation, so only change texts follow. */
  async function booked(phone: string, date: string, time: string) {
    const res = await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava Nguyen', customer_phone: phone, appointment_date: date, appointment_time: time }).expect(201);
    await eventually(async () => bodiesTo(phone).length === 1, 'confirmation');
    return res.body.appointment as { id: number; confirmation_code: string };
  }
  const inbound = (from: string, body: string) => {
    const sid = `SM${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`;
    const params = { AccountSid: FAKE_ACCOUNT_SID, MessageSid: sid, From: from, To: rachel, Body: body };
    return t.http.post('/sms/webhook').type('form').set('X-Twilio-Signature', twilioSignature(FAKE_AUTH_TOKEN, `${PUBLIC_BASE}/sms/webhook`, params)).send(params).expect(200);
  };
  const changeRows = (id: number) => t.dataSource.query(`SELECT purpose, status, error_message FROM messages WHERE appointment_id = $1 AND purpose IN ('rescheduled', 'cancelled') ORDER BY id`, [id]);

  it('a reschedule texts the new time once; repeating the same PATCH texts nothing more', async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-15', '10:00');
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '14:00' }).expect(200);
    await eventually(async () => bodiesTo(phone).length === 2, 'reschedule text');
    expect(bodiesTo(phone)[1]).toBe(
      `Acme Plumbing: your appointment has been moved to Mon, Jun 15 at 2:00 PM. Confirmation code ${a.confirmation_code}. Reply C to confirm or X to cancel.`,
    );
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '14:00' }).expect(200);
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ notes: 'bring the ladder' }).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(bodiesTo(phone)).toHaveLength(2);
    expect(await changeRows(a.id)).toEqual([{ purpose: 'rescheduled', status: expect.stringMatching(/queued|sent|delivered/), error_message: null }]);
  });

  it('DELETE texts the cancellation once; cancelling again texts nothing', async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-16', '10:00');
    await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(200);
    await eventually(async () => bodiesTo(phone).length === 2, 'cancellation text');
    expect(bodiesTo(phone)[1]).toBe('Acme Plumbing: your appointment on Tue, Jun 16 at 10:00 AM has been cancelled. Call +16576003000 to book another time.');
    await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(bodiesTo(phone)).toHaveLength(2);
  });

  it('PATCH status cancelled texts the cancellation too', async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-16', '11:00');
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'cancelled' }).expect(200);
    await eventually(async () => bodiesTo(phone).length === 2, 'cancellation text');
    expect(bodiesTo(phone)[1]).toMatch(/has been cancelled/);
  });

  it('a customer who opted out is not texted; the text is recorded as refused', async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-17', '10:00');
    await inbound(phone, 'STOP');
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '15:00' }).expect(200);
    const rows = await eventually(async () => ((r) => r[0]?.status === 'refused' && r)(await changeRows(a.id)), 'refused');
    expect(rows[0].error_message).toMatch(/opted out/);
    expect(bodiesTo(phone)).toHaveLength(1);
  });

  it("the customer's own X reply gets its reply only, not a second cancellation text", async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-18', '10:00');
    await inbound(phone, 'X');
    await new Promise((r) => setTimeout(r, 300));
    expect(bodiesTo(phone)).toHaveLength(1);
    expect(await changeRows(a.id)).toEqual([]);
  });

  it('with SMS notifications off, nobody is texted', async () => {
    await t.http.patch('/api/client/me').set(tenant.auth).send({ sms_notifications: false }).expect(200);
    try {
      const phone = nextCustomer();
      const res = await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ben Okafor', customer_phone: phone, appointment_date: '2026-06-19', appointment_time: '10:00' }).expect(201);
      await t.http.delete(`/api/appointments/${res.body.appointment.id}`).set(tenant.auth).expect(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(bodiesTo(phone)).toEqual([]);
    } finally {
      await t.http.patch('/api/client/me').set(tenant.auth).send({ sms_notifications: true }).expect(200);
    }
  });

  it('an appointment can be marked completed only once it has started', async () => {
    const phone = nextCustomer();
    const a = await booked(phone, '2026-06-22', '10:00');
    const early = await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'completed' }).expect(422);
    expect(early.body.error.message).toMatch(/only once it has started/);
    clock.set(new Date('2026-06-22T14:05:00Z'));
    try {
      await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'completed' }).expect(200);
    } finally {
      clock.set(new Date('2026-06-08T14:00:00Z'));
    }
  });
});
