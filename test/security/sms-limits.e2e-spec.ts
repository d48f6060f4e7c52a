import { randomInt } from 'node:crypto';
import { FixedClock, JobIds, JobName, QUEUE_REGISTRY, QueueService, type QueueRegistry } from '@ringlypro/core';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FakeTwilio } from '../fakes/fake-twilio.server';
import { eventually } from '../support/eventually';
import { registerTenant, type TestTenant } from '../support/tenants';
import { startTestApp, type TestApp } from '../support/test-app';

// Retries within milliseconds, so a job's last attempt comes inside the test (the real policy backs off from 10 s).
const FAST_RETRIES: QueueRegistry = {
  queues: QUEUE_REGISTRY.queues,
  jobs: Object.fromEntries(Object.entries(QUEUE_REGISTRY.jobs).map(([n, d]) => [n, { ...d, retry: { attempts: 3, backoff: { type: 'fixed' as const, delayMs: 20 } } }])),
};

/** Issue 11 item 2 (and the deactivated-client item): texts are bounded, and refusals cost nothing. */
describe('outbound texts: destinations, volume limits, confirmation re-sends, deactivated businesses', () => {
  const fake = new FakeTwilio();
  // Monday 2026-06-08 10:00 in New York: outside quiet hours, so reminders go at once.
  const clock = new FixedClock(new Date('2026-06-08T14:00:00Z'));
  let t: TestApp;
  let customer = 100;
  const nextCustomer = () => `+1656555${String(customer++).padStart(4, '0')}`;

  beforeAll(async () => {
    await fake.start();
    fake.inventory.set('656', Array.from({ length: 50 }, (_, i) => `+16565550${200 + i}`));
    t = await startTestApp({
      clock,
      queueRegistry: FAST_RETRIES,
      env: {
        TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN,
        TWILIO_API_BASE_URL: fake.baseUrl,
        WEBHOOK_BASE_URL: 'https://ringlypro.example.com',
        SMS_MAX_PER_MINUTE: '5',
        SMS_MAX_PER_DAY: '8',
        SMS_MAX_CONFIRMATION_SENDS: '3',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => expect(fake.violations).toEqual([]));

  const provisioned = async () => {
    const tenant = await registerTenant(t.http, { business_phone: `+1656600${String(randomInt(0, 10_000)).padStart(4, '0')}` });
    const rachel: string = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    return { tenant, rachel };
  };
  const sms = (tenant: TestTenant, to: string, body = 'Your technician is on the way!') => t.http.post('/api/messages/sms').set(tenant.auth).send({ to, body });
  const rows = (tenant: TestTenant) => t.dataSource.query(`SELECT to_number, status, purpose, error_message FROM messages WHERE client_id = $1 ORDER BY id`, [tenant.clientId]);

  it('texts only geographic US/Canadian numbers (and toll-free ones); everything else is a 422 naming `to`, never sent', async () => {
    const { tenant, rachel } = await provisioned();
    const refused = {
      '+447700900123': 'only US and Canadian (+1) numbers',
      '+2348031234567': 'only US and Canadian (+1) numbers',
      '+882123456789': 'only US and Canadian (+1) numbers',
      '+19005550123': 'premium-rate number (area code 900)',
      '+16569765555': 'premium-rate number (exchange 976)',
      '+18095550123': 'a number in DO',
      '+18765550123': 'a number in JM',
      '+12425550123': 'a number in BS',
      '+15005550123': 'not a geographic one',
      '+15215550123': 'not a geographic one',
      '+14565550123': 'not a geographic one',
    };
    for (const [to, why] of Object.entries(refused)) {
      const res = await sms(tenant, to).expect(422);
      expect(res.body.error.fields).toEqual([{ field: 'to', message: expect.stringContaining(why) }]);
    }
    const own = await sms(tenant, rachel).expect(422);
    expect(own.body.error.message).toBe("Texts cannot be sent to the business's own Rachel number");
    for (const blank of ['   ', '\n\t ']) expect((await sms(tenant, nextCustomer(), blank).expect(400)).body.error.fields[0].field).toBe('body');
    // Canada, toll-free and an ordinary US number go through.
    for (const to of ['+14165550123', '+18005550123', nextCustomer()]) await sms(tenant, to).expect(202);
    await eventually(async () => fake.messages.filter((m) => m.from === rachel).length === 3, 'three texts at Twilio');
    expect(fake.messages.filter((m) => Object.keys(refused).includes(m.to) || m.to === rachel)).toEqual([]);
    expect(await rows(tenant)).toHaveLength(3);
  });

  it('limits each tenant to SMS_MAX_PER_MINUTE texts, even when they are fired at once, and not its neighbours', async () => {
    const { tenant } = await provisioned();
    const { tenant: neighbour } = await provisioned();
    const burst = await Promise.all(Array.from({ length: 20 }, () => sms(tenant, nextCustomer())));
    expect(burst.map((r) => r.status).sort()).toEqual([...Array(5).fill(202), ...Array(15).fill(429)]);
    const limited = burst.find((r) => r.status === 429)!;
    expect(limited.body.error).toMatchObject({ code: 'too_many_requests', message: 'At most 5 texts a minute; try again in a minute' });
    expect((await rows(tenant)).length).toBe(5);
    await sms(neighbour, nextCustomer()).expect(202);
  });

  it('caps a tenant at SMS_MAX_PER_DAY over 24 hours: API sends get 429, jobs record the refusal', async () => {
    const { tenant, rachel } = await provisioned();
    // Eight texts earlier today (two hours ago by the database's clock): the cap is reached, the per-minute rate is not.
    await t.dataSource.query(
      `INSERT INTO messages (client_id, direction, from_number, to_number, body, status, purpose, created_at)
       SELECT $1, 'outbound', $2, '+16565550999', 'earlier', 'delivered', 'manual', NOW() - interval '2 hours' FROM generate_series(1, 8)`,
      [tenant.clientId, rachel],
    );
    const capped = await sms(tenant, nextCustomer()).expect(429);
    expect(capped.body.error.message).toBe('This business has sent its 8 texts for the last 24 hours; try again later');

    const phone = nextCustomer();
    const { appointment } = (await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava', customer_phone: phone, appointment_date: '2026-06-09', appointment_time: '11:00' }).expect(201)).body;
    // The automatic confirmation is refused and says why; Twilio never hears of it.
    await eventually(async () => (await rows(tenant)).some((r: { purpose: string; status: string }) => r.purpose === 'confirmation' && r.status === 'refused'), 'refused confirmation');
    const [confirmation] = (await rows(tenant)).filter((r: { purpose: string }) => r.purpose === 'confirmation');
    expect(confirmation).toMatchObject({ to_number: phone, status: 'refused', error_message: expect.stringContaining('8 texts for the last 24 hours') });
    expect(fake.messages.filter((m) => m.to === phone)).toEqual([]);
    expect((await t.dataSource.query(`SELECT confirmation_sent FROM appointments WHERE id = $1`, [appointment.id]))[0].confirmation_sent).toBe(false);
  });

  it('a job over the per-minute rate retries, and records the refusal only when its attempts run out', async () => {
    const { tenant } = await provisioned();
    for (let i = 0; i < 5; i++) await sms(tenant, nextCustomer()).expect(202);
    const phone = nextCustomer();
    const booked = await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava', customer_phone: phone, appointment_date: '2026-06-15', appointment_time: '10:00' }).expect(201);
    await eventually(async () => (await rows(tenant)).some((r: { purpose: string }) => r.purpose === 'confirmation'), 'confirmation row');
    const job = await eventually(async () => {
      const record = await t.app.get(QueueService).getJob(JobName.SendAppointmentConfirmation, JobIds.confirmation(booked.body.appointment.id));
      return record?.state === 'completed' ? record : null;
    }, 'confirmation job completed');
    expect(job.failures).toBe(2);
    const confirmations = (await rows(tenant)).filter((r: { purpose: string }) => r.purpose === 'confirmation');
    // Three attempts, one row: written once, on the last attempt, with the reason.
    expect(confirmations).toEqual([{ to_number: phone, status: 'refused', purpose: 'confirmation', error_message: 'At most 5 texts a minute; try again in a minute' }]);
    expect(fake.messages.filter((m) => m.to === phone)).toEqual([]);
  });

  it('sends one confirmation at most SMS_MAX_CONFIRMATION_SENDS times, the automatic one included', async () => {
    const { tenant } = await provisioned();
    const phone = nextCustomer();
    const { appointment } = (await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava', customer_phone: phone, appointment_date: '2026-06-15', appointment_time: '10:00' }).expect(201)).body;
    await eventually(async () => fake.messages.filter((m) => m.to === phone).length === 1, 'automatic confirmation');
    const resend = () => t.http.post('/api/messages/appointment-confirmation').set(tenant.auth).send({ appointment_id: appointment.id });
    await resend().expect(202);
    await resend().expect(202);
    const third = await resend().expect(422);
    expect(third.body.error.fields).toEqual([{ field: 'appointment_id', message: "This appointment's confirmation has already been sent 3 times (at most 3)" }]);
    await eventually(async () => fake.messages.filter((m) => m.to === phone).length === 3, 'three confirmations');
  });

  it('a deactivated business cannot text: the API answers 403, and its jobs record why they did not send', async () => {
    const { tenant } = await provisioned();
    const phone = nextCustomer();
    const { appointment } = (await t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: 'Ava', customer_phone: phone, appointment_date: '2026-06-15', appointment_time: '10:00' }).expect(201)).body;
    await eventually(async () => fake.messages.filter((m) => m.to === phone).length === 1, 'confirmation');
    await t.dataSource.query(`UPDATE clients SET active = false WHERE id = $1`, [tenant.clientId]);

    const res = await sms(tenant, nextCustomer()).expect(403);
    // The whole API refuses a deactivated business before any texting rule is reached.
    expect(res.body.error.message).toMatch(/deactivated/);

    await t.app.get(QueueService).enqueue(
      JobName.SendAppointmentReminder,
      { client_id: tenant.clientId, appointment_id: appointment.id, starts_at: appointment.starts_at },
      { jobId: `deactivated-reminder:${appointment.id}` },
    );
    await eventually(async () => (await rows(tenant)).some((r: { purpose: string }) => r.purpose === 'reminder'), 'reminder row');
    const reminder = (await rows(tenant)).find((r: { purpose: string }) => r.purpose === 'reminder');
    expect(reminder).toMatchObject({ status: 'refused', error_message: 'This business is deactivated and cannot send texts' });
    expect(fake.messages.filter((m) => m.to === phone)).toHaveLength(1);
  });
});
