import { FixedClock, JobName, QUEUE_REGISTRY, QueueService, type QueueRegistry } from '@ringlypro/core';
import { XMLParser } from 'fast-xml-parser';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FakeTwilio } from '../fakes/fake-twilio.server';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://ringlypro.example.com';
const xml = new XMLParser({ parseTagValue: false });
const FAST_RETRIES: QueueRegistry = {
  queues: QUEUE_REGISTRY.queues,
  jobs: Object.fromEntries(Object.entries(QUEUE_REGISTRY.jobs).map(([n, d]) => [n, { ...d, retry: { attempts: 3, backoff: { type: 'fixed' as const, delayMs: 20 } } }])),
};

describe('SMS: confirmations, reminders, sends, inbound keywords and delivery status (real SDK, fake Twilio)', () => {
  const fake = new FakeTwilio();
  // Monday 2026-06-08 10:00 in New York.
  const clock = new FixedClock(new Date('2026-06-08T14:00:00Z'));
  let t: TestApp;
  let tenant: TestTenant;
  let rachel: string;
  let customer = 100;

  beforeAll(async () => {
    await fake.start();
    fake.inventory.set('656', ['+16565550190']);
    t = await startTestApp({
      clock,
      env: { TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID, TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN, TWILIO_API_BASE_URL: fake.baseUrl, WEBHOOK_BASE_URL: PUBLIC_BASE },
      queueRegistry: FAST_RETRIES,
    });
    tenant = await registerTenant(t.http, { business_phone: '(656) 600-3000', business_name: 'Acme Plumbing' });
    rachel = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => expect(fake.violations).toEqual([]));

  const nextCustomer = () => `+1656555${String(customer++).padStart(4, '0')}`;
  const textsTo = (phone: string) => fake.messages.filter((m) => m.to === phone);
  const book = (phone: string, date: string, time: string) =>
    t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava Nguyen', customer_phone: phone, appointment_date: date, appointment_time: time }).expect(201);
  const appointment = async (id: number) => (await t.dataSource.query(`SELECT status, confirmation_sent, reminder_sent FROM appointments WHERE id = $1`, [id]))[0];
  const inbound = (from: string, body: string, sid = `SM${Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32)}`) => {
    const params = { AccountSid: FAKE_ACCOUNT_SID, MessageSid: sid, SmsSid: sid, From: from, To: rachel, Body: body, NumMedia: '0' };
    return t.http.post('/sms/webhook').type('form').set('X-Twilio-Signature', twilioSignature(FAKE_AUTH_TOKEN, `${PUBLIC_BASE}/sms/webhook`, params)).send(params).expect(200);
  };
  const replyOf = (res: { text: string }) => xml.parse(res.text).Response?.Message ?? null;

  describe('booking confirmation', () => {
    it('sends exactly one text with the right From, To and Body, and marks it sent', async () => {
      const phone = nextCustomer();
      // A week ahead, so the reminder is still a delayed job and only the confirmation goes out now.
      const { appointment: a } = (await book(phone, '2026-06-15', '10:00')).body;
      await eventually(async () => (await appointment(a.id)).confirmation_sent, 'confirmation_sent');
      expect(textsTo(phone)).toEqual([
        {
          sid: expect.stringMatching(/^SM/),
          from: rachel,
          to: phone,
          body: `Acme Plumbing: your appointment is booked for Mon, Jun 15 at 10:00 AM. Confirmation code ${a.confirmation_code}. Reply C to confirm or X to cancel.`,
          status_callback: `${PUBLIC_BASE}/sms/status`,
        },
      ]);
      expect(textsTo(phone)[0].body).not.toMatch(/\b(CANCEL|STOP)\b/);
    });

    it('does not text again when the job is retried or enqueued again', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-09', '11:00')).body;
      await eventually(async () => (await appointment(a.id)).confirmation_sent, 'confirmation_sent');
      const queue = t.app.get(QueueService);
      await queue.enqueue(JobName.SendAppointmentConfirmation, { client_id: tenant.clientId, appointment_id: a.id }, { jobId: `confirmation:${a.id}` });
      await queue.enqueue(JobName.SendAppointmentConfirmation, { client_id: tenant.clientId, appointment_id: a.id }, { jobId: `confirmation:${a.id}:again` });
      await eventually(async () => (await queue.getJob(JobName.SendAppointmentConfirmation, `confirmation:${a.id}:again`))?.state === 'completed', 'second job');
      expect(textsTo(phone)).toHaveLength(1);
    });

    it('retries a transient Twilio failure and sends once', async () => {
      const phone = nextCustomer();
      fake.failNext(/POST .*Messages\.json$/, { status: 503, code: 20500, message: 'Service Unavailable' });
      const { appointment: a } = (await book(phone, '2026-06-09', '12:00')).body;
      await eventually(async () => (await appointment(a.id)).confirmation_sent, 'confirmation_sent');
      expect(textsTo(phone)).toHaveLength(1);
    });

    it('does not text a number that opted out; the message is recorded as refused', async () => {
      const phone = nextCustomer();
      await inbound(phone, 'STOP');
      const { appointment: a } = (await book(phone, '2026-06-09', '13:00')).body;
      const row = await eventually(
        async () => ((r) => r?.status === 'refused' && r)((await t.dataSource.query(`SELECT status, error_message FROM messages WHERE appointment_id = $1 AND purpose = 'confirmation'`, [a.id]))[0]),
        'refused confirmation',
      );
      expect(row.error_message).toMatch(/opted out/);
      expect(textsTo(phone)).toEqual([]);
      expect((await appointment(a.id)).confirmation_sent).toBe(false);
    });
  });

  describe('dashboard sends', () => {
    it('queues a text (202) and delivers it from the Rachel number', async () => {
      const phone = nextCustomer();
      const res = await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Your technician is on the way!' }).expect(202);
      expect(res.body).toEqual({ success: true, id: expect.any(Number), status: 'queued' });
      await eventually(async () => textsTo(phone).length === 1, 'delivery');
      expect(textsTo(phone)[0]).toMatchObject({ from: rachel, body: 'Your technician is on the way!' });
      const list = await t.http.get(`/api/messages?phone=${encodeURIComponent(phone)}`).set(tenant.auth).expect(200);
      expect(list.body.data[0]).toMatchObject({ id: res.body.id, direction: 'outbound', purpose: 'manual', twilio_sid: textsTo(phone)[0].sid });
    });

    it('fails a permanently undeliverable text once, keeping the reason (21211), without retrying', async () => {
      const phone = nextCustomer();
      fake.failNext(/POST .*Messages\.json$/, { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
      const before = fake.requestsTo(/POST .*Messages\.json/).length;
      const { id } = (await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Hello' }).expect(202)).body;
      const row = await eventually(async () => ((r) => r.status === 'failed' && r)((await t.dataSource.query(`SELECT status, error_code, error_message FROM messages WHERE id = $1`, [id]))[0]), 'failed');
      expect(row).toMatchObject({ status: 'failed', error_code: 21211 });
      await new Promise((r) => setTimeout(r, 100));
      expect(fake.requestsTo(/POST .*Messages\.json/).length - before).toBe(1);
    });

    it('records 21610 (unsubscribed at the carrier) as an opt-out, and refuses later sends with a clear error', async () => {
      const phone = nextCustomer();
      fake.failNext(/POST .*Messages\.json$/, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
      const { id } = (await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Hello' }).expect(202)).body;
      await eventually(async () => (await t.dataSource.query(`SELECT status FROM messages WHERE id = $1`, [id]))[0].status === 'failed', 'failed');
      const refused = await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Hello again' }).expect(422);
      expect(refused.body.error.message).toMatch(/opted out/);
    });

    it('validates the recipient and the body length, naming the field', async () => {
      expect((await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: 'nope', body: 'x' }).expect(400)).body.error.fields[0].field).toBe('to');
      expect((await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: nextCustomer(), body: '' }).expect(400)).body.error.fields[0].field).toBe('body');
      expect((await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: nextCustomer(), body: 'x'.repeat(1601) }).expect(400)).body.error.fields[0].field).toBe('body');
    });

    it('re-sends an appointment confirmation on request', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-09', '14:00')).body;
      await eventually(async () => textsTo(phone).length === 1, 'first confirmation');
      await t.http.post('/api/messages/appointment-confirmation').set(tenant.auth).send({ appointment_id: a.id }).expect(202);
      await eventually(async () => textsTo(phone).length === 2, 'second confirmation');
      await t.http.post('/api/messages/appointment-confirmation').set(tenant.auth).send({ appointment_id: 999999 }).expect(404);
    });
  });

  describe('inbound texts', () => {
    it('STOP opts the number out for this business; START opts it back in', async () => {
      const phone = nextCustomer();
      expect(replyOf(await inbound(phone, 'stop'))).toBeNull();
      await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Hi' }).expect(422);
      await inbound(phone, 'START');
      await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Hi' }).expect(202);
    });

    it('HELP answers with the business name and how to reach it', async () => {
      expect(replyOf(await inbound(nextCustomer(), 'HELP'))).toMatch(/^Acme Plumbing: for help call \+16566003000/);
    });

    it("C confirms and X cancels the customer's next appointment, saying so", async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-10', '10:00')).body;
      await t.dataSource.query(`UPDATE appointments SET status = 'pending' WHERE id = $1`, [a.id]);
      expect(replyOf(await inbound(phone, 'c'))).toBe('Acme Plumbing: thanks! Your appointment on Wed, Jun 10 at 10:00 AM is confirmed.');
      expect((await appointment(a.id)).status).toBe('confirmed');
      expect(replyOf(await inbound(phone, 'X'))).toBe('Acme Plumbing: your appointment on Wed, Jun 10 at 10:00 AM is cancelled. Call +16566003000 to book another time.');
      expect((await appointment(a.id)).status).toBe('cancelled');
      expect(replyOf(await inbound(phone, 'X'))).toMatch(/couldn't find an upcoming appointment/);
    });

    it('stores every inbound text once, even when Twilio redelivers it', async () => {
      const phone = nextCustomer();
      const sid = 'SM' + 'a'.repeat(32);
      await inbound(phone, 'HELP', sid);
      expect(replyOf(await inbound(phone, 'HELP', sid))).toBeNull();
      const [{ n }] = await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM messages WHERE twilio_sid = $1`, [sid]);
      expect(n).toBe(1);
    });

    it('refuses an unsigned inbound text', async () => {
      await t.http.post('/sms/webhook').type('form').send({ From: nextCustomer(), To: rachel, Body: 'STOP' }).expect(403);
    });
  });

  describe('delivery status', () => {
    const status = (sid: string, to: string, messageStatus: string, extra: Record<string, string> = {}) => {
      const params = { AccountSid: FAKE_ACCOUNT_SID, MessageSid: sid, From: rachel, To: to, MessageStatus: messageStatus, ...extra };
      return t.http.post('/sms/status').type('form').set('X-Twilio-Signature', twilioSignature(FAKE_AUTH_TOKEN, `${PUBLIC_BASE}/sms/status`, params)).send(params).expect(200);
    };

    it('moves queued → sent → delivered, never backwards', async () => {
      const phone = nextCustomer();
      const { id } = (await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Status test' }).expect(202)).body;
      const sid = await eventually(async () => (await t.dataSource.query(`SELECT twilio_sid FROM messages WHERE id = $1`, [id]))[0].twilio_sid, 'sid');
      await status(sid, phone, 'sent');
      await status(sid, phone, 'delivered');
      await status(sid, phone, 'sent');
      await status(sid, phone, 'delivered');
      expect((await t.dataSource.query(`SELECT status FROM messages WHERE id = $1`, [id]))[0].status).toBe('delivered');
    });

    it('marks the number opted out on 21610', async () => {
      const phone = nextCustomer();
      const { id } = (await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Status test' }).expect(202)).body;
      const sid = await eventually(async () => (await t.dataSource.query(`SELECT twilio_sid FROM messages WHERE id = $1`, [id]))[0].twilio_sid, 'sid');
      await status(sid, phone, 'undelivered', { ErrorCode: '21610' });
      expect((await t.dataSource.query(`SELECT status, error_code FROM messages WHERE id = $1`, [id]))[0]).toEqual({ status: 'undelivered', error_code: 21610 });
      await t.http.post('/api/messages/sms').set(tenant.auth).send({ to: phone, body: 'Again' }).expect(422);
    });
  });

  describe('reminders', () => {
    const runReminder = async (appointmentId: number, startsAt: string, jobId: string) => {
      const queue = t.app.get(QueueService);
      await queue.enqueue(JobName.SendAppointmentReminder, { client_id: tenant.clientId, appointment_id: appointmentId, starts_at: startsAt }, { jobId });
      return eventually(async () => ((j) => j?.state === 'completed' && j)(await queue.getJob(JobName.SendAppointmentReminder, jobId)), 'reminder job');
    };

    it('texts the reminder and sets reminder_sent', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-11', '10:00')).body;
      await eventually(async () => textsTo(phone).length === 1, 'confirmation');
      const job = await runReminder(a.id, a.starts_at, `test-reminder-${a.id}`);
      expect(job.returnValue).toMatchObject({ delivery: { kind: 'sent' } });
      expect(textsTo(phone)[1].body).toBe(`Reminder from Acme Plumbing: your appointment is Thu, Jun 11 at 10:00 AM (code ${a.confirmation_code}). Reply C to confirm or X to cancel.`);
      expect((await appointment(a.id)).reminder_sent).toBe(true);
    });

    it('waits until 08:00 when it comes due in quiet hours', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-11', '11:00')).body;
      clock.set(new Date('2026-06-09T02:30:00Z')); // 22:30 in New York
      try {
        const job = await runReminder(a.id, a.starts_at, `test-reminder-quiet-${a.id}`);
        expect(job.returnValue).toEqual({ deferred_until: '2026-06-09T12:00:00.000Z' });
        expect(textsTo(phone).filter((m) => m.body.startsWith('Reminder'))).toEqual([]);
      } finally {
        clock.set(new Date('2026-06-08T14:00:00Z'));
      }
    });

    it('skips a cancelled appointment and a rescheduled one', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-11', '13:00')).body;
      await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '14:00' }).expect(200);
      expect((await runReminder(a.id, a.starts_at, `test-reminder-moved-${a.id}`)).returnValue).toEqual({ skipped: 'rescheduled' });
      await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(200);
      expect((await runReminder(a.id, '2026-06-11T18:00:00.000Z', `test-reminder-cancelled-${a.id}`)).returnValue).toEqual({ skipped: 'cancelled' });
      expect(textsTo(phone).filter((m) => m.body.startsWith('Reminder'))).toEqual([]);
    });

    it('books the reminder as a delayed job 24 h before, when the appointment is made', async () => {
      const phone = nextCustomer();
      const { appointment: a } = (await book(phone, '2026-06-12', '10:00')).body;
      const job = await t.app.get(QueueService).getJob(JobName.SendAppointmentReminder, `reminder:${a.id}:${Date.parse(a.starts_at)}`);
      expect(job).toMatchObject({ state: 'delayed', data: { appointment_id: a.id, starts_at: a.starts_at } });
    });
  });
});
