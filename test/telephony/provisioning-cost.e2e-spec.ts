import { FixedClock, JobIds, JobName, LOGGER, type Logger, QUEUE_REGISTRY, QueueService, type QueueRegistry } from '@ringlypro/core';
import { IdleNumberReleaseJob } from '@ringlypro/telephony';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant, dialableAreaFrom } from '../support/tenants';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FakeTwilio } from '../fakes/fake-twilio.server';

const PUBLIC_BASE = 'https://ringlypro.example.com';
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const FAST_RETRIES: QueueRegistry = {
  queues: QUEUE_REGISTRY.queues,
  jobs: Object.fromEntries(Object.entries(QUEUE_REGISTRY.jobs).map(([n, d]) => [n, { ...d, retry: { attempts: 3, backoff: { type: 'fixed' as const, delayMs: 20 } } }])),
};

describe('what open sign-up may cost: provisioning budget and idle-number release (real SDK, fake Twilio)', () => {
  const fake = new FakeTwilio();
  let area = 400;
  function nextArea() {
    area = dialableAreaFrom(area);
    const code = String(area++);
    fake.inventory.set(code, [`+1${code}5550100`, `+1${code}5550101`]);
    return `+1${code}6001400`;
  }
  const row = async (t: TestApp, id: number) =>
    (
      await t.dataSource.query(
        `SELECT number_status, forwarding_status, ringlypro_number, twilio_number_sid, provisioning_error, number_released_at, number_release_reason FROM clients WHERE id = $1`,
        [id],
      )
    )[0];
  const env = (extra: Record<string, string>) => ({
    TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN,
    TWILIO_API_BASE_URL: fake.baseUrl,
    WEBHOOK_BASE_URL: PUBLIC_BASE,
    ...extra,
  });

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  afterEach(() => expect(fake.violations).toEqual([]));

  describe('platform-wide provisioning budget', () => {
    const clock = new FixedClock(new Date());
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ clock, queueRegistry: FAST_RETRIES, env: env({ PROVISIONING_BUDGET_PER_HOUR: '2', PROVISIONING_BUDGET_PER_DAY: '3' }) });
    });
    afterAll(() => t.close());

    it('beyond the hourly budget a sign-up waits in the queue (delayed, not failed) and the operator is alerted', async () => {
      const alerts = jest.spyOn(t.app.get<Logger>(LOGGER), 'error');
      const first = await registerTenant(t.http, { business_phone: nextArea() });
      await eventually(async () => (await row(t, first.clientId)).number_status === 'active', 'first');
      clock.advance(60_000);
      const second = await registerTenant(t.http, { business_phone: nextArea() });
      await eventually(async () => (await row(t, second.clientId)).number_status === 'active', 'second');
      const boughtBefore = fake.numbers.size;

      const third = await registerTenant(t.http, { business_phone: nextArea() });
      const until = new Date(clock.now().getTime() - 60_000 + HOUR_MS);
      const waiting = await eventually(
        async () => t.app.get(QueueService).getJob(JobName.ProvisionNumber, JobIds.provisionNumberAfterBudget(third.clientId, until)),
        'deferred job',
      );
      expect(waiting).toMatchObject({ state: 'delayed', data: { client_id: third.clientId } });
      expect(await row(t, third.clientId)).toMatchObject({ number_status: 'pending', ringlypro_number: null, provisioning_error: null });
      expect(fake.numbers.size).toBe(boughtBefore);
      expect(alerts).toHaveBeenCalledWith(
        expect.objectContaining({ alert: 'provisioning-budget-exhausted', client_id: third.clientId, window: 'hour', until: until.toISOString() }),
        expect.stringContaining('provisioning budget exhausted'),
      );

      // An hour after the first purchase the budget has room again: the waiting sign-up gets its number.
      clock.set(new Date(until.getTime() + 1000));
      await t.app.get(QueueService).enqueue(JobName.ProvisionNumber, { client_id: third.clientId }, { jobId: JobIds.provisionNumberRetry(third.clientId, clock.now()) });
      await eventually(async () => (await row(t, third.clientId)).number_status === 'active', 'third after the hour');
    });

    it('the daily budget holds across hours', async () => {
      clock.advance(2 * HOUR_MS);
      const fourth = await registerTenant(t.http, { business_phone: nextArea() });
      // Three bought in the last day (the daily budget); the hourly one would allow another.
      const dayFreesAt = new Date((await t.dataSource.query(`SELECT MIN(number_provisioned_at) AS at FROM clients`))[0].at).getTime() + DAY_MS;
      const waiting = await eventually(
        async () => t.app.get(QueueService).getJob(JobName.ProvisionNumber, JobIds.provisionNumberAfterBudget(fourth.clientId, new Date(dayFreesAt))),
        'deferred for the day',
      );
      expect(waiting).toMatchObject({ state: 'delayed' });
      expect(fake.requestsTo(/POST .*IncomingPhoneNumbers\.json/)).toHaveLength(3);
      expect((await row(t, fourth.clientId)).number_status).toBe('pending');
    });
  });

  describe('releasing the numbers of accounts nobody logs into', () => {
    const clock = new FixedClock(new Date());
    let t: TestApp;
    let idle: TestTenant;
    let busy: TestTenant;
    beforeAll(async () => {
      t = await startTestApp({ clock, queueRegistry: FAST_RETRIES, env: env({ NUMBER_RELEASE_AFTER_DAYS: '90' }) });
      idle = await registerTenant(t.http, { business_phone: nextArea() });
      busy = await registerTenant(t.http, { business_phone: nextArea() });
      for (const tenant of [idle, busy]) await eventually(async () => (await row(t, tenant.clientId)).number_status === 'active', 'provisioned');
    });
    afterAll(() => t.close());

    const setLastLogin = (tenant: TestTenant, at: Date | null) => t.dataSource.query(`UPDATE users SET last_login_at = $2, created_at = $3 WHERE id = $1`, [tenant.userId, at, new Date(Date.now() - 200 * DAY_MS)]);

    it('books its daily run at boot', async () => {
      const tomorrow = new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate() + 1)).toISOString().slice(0, 10);
      expect(await t.app.get(QueueService).getJob(JobName.ReleaseIdleNumbers, JobIds.releaseIdleNumbers(tomorrow))).toMatchObject({ state: 'delayed' });
    });

    it('login records last_login_at', async () => {
      await t.http.post('/api/auth/login').send({ email: busy.email, password: busy.password }).expect(200);
      const [user] = await t.dataSource.query(`SELECT last_login_at FROM users WHERE id = $1`, [busy.userId]);
      expect(user.last_login_at).not.toBeNull();
    });

    it('releases at Twilio the number of an account idle for 90 days, and records when and why on the client', async () => {
      const before = await row(t, idle.clientId);
      await setLastLogin(idle, new Date(clock.now().getTime() - 91 * DAY_MS));
      await setLastLogin(busy, new Date(clock.now().getTime() - 89 * DAY_MS));
      const summary = await t.app.get(IdleNumberReleaseJob).releaseIdle();
      expect(summary).toEqual({ released: [idle.clientId], failed: [] });
      expect(fake.numbers.has(before.twilio_number_sid)).toBe(false);
      expect(fake.requestsTo(/DELETE .*IncomingPhoneNumbers\/\{Sid\}\.json$/)).toHaveLength(1);
      expect(await row(t, idle.clientId)).toMatchObject({
        number_status: 'released',
        forwarding_status: 'inactive',
        ringlypro_number: null,
        twilio_number_sid: null,
        number_released_at: clock.now(),
        number_release_reason: `Nobody logged in for 90 days; released ${before.ringlypro_number} (${before.twilio_number_sid})`,
      });
      expect((await row(t, busy.clientId)).number_status).toBe('active');
      // A second run finds nothing more to do.
      expect(await t.app.get(IdleNumberReleaseJob).releaseIdle()).toEqual({ released: [], failed: [] });
    });

    it('the owner sees it, cannot toggle Rachel, and can get a new number', async () => {
      const me = await t.http.get('/api/client/me').set(idle.auth).expect(200);
      expect(me.body.client).toMatchObject({ number_status: 'released', number_release_reason: expect.stringContaining('90 days') });
      const toggle = await t.http.put('/api/client/me/rachel-status').set(idle.auth).send({ rachel_enabled: false }).expect(409);
      expect(toggle.body.error.message).toMatch(/released/);
      await t.http.post('/api/client/me/provision').set(idle.auth).expect(202);
      await eventually(async () => (await row(t, idle.clientId)).number_status === 'active', 'new number');
      expect(await row(t, idle.clientId)).toMatchObject({ number_released_at: null, number_release_reason: null, ringlypro_number: expect.stringMatching(/^\+1/) });
    });

    it('a number Twilio no longer knows counts as released; a Twilio outage keeps it for the next run', async () => {
      const gone = await registerTenant(t.http, { business_phone: nextArea() });
      const down = await registerTenant(t.http, { business_phone: nextArea() });
      for (const tenant of [gone, down]) await eventually(async () => (await row(t, tenant.clientId)).number_status === 'active', 'provisioned');
      for (const tenant of [gone, down, idle, busy]) await setLastLogin(tenant, tenant === gone || tenant === down ? null : clock.now());
      fake.numbers.delete((await row(t, gone.clientId)).twilio_number_sid);
      fake.failNext(/DELETE .*IncomingPhoneNumbers\/PN\w+\.json$/, { status: 503, code: 20500, message: 'Service Unavailable' }, 1);
      const summary = await t.app.get(IdleNumberReleaseJob).releaseIdle();
      expect(summary.released.length + summary.failed.length).toBe(2);
      expect([...summary.released, ...summary.failed].sort()).toEqual([gone.clientId, down.clientId].sort());
      // Which of the two met the outage depends on order; the other one is released either way.
      const rows = [await row(t, gone.clientId), await row(t, down.clientId)];
      expect(rows.filter((r) => r.number_status === 'released')).toHaveLength(summary.released.length);
      expect(rows.filter((r) => r.number_status === 'active')).toHaveLength(summary.failed.length);
      const retried = await t.app.get(IdleNumberReleaseJob).releaseIdle();
      expect(retried).toEqual({ released: summary.failed, failed: [] });
    });
  });
});
