import { JobIds, JobName, QUEUE_REGISTRY, QueueService, type QueueRegistry } from '@ringlypro/core';
import { NumberProvisioner } from '@ringlypro/telephony';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant, dialableAreaFrom } from '../support/tenants';
import { FAKE_ACCOUNT_SID, FAKE_AUTH_TOKEN, FakeTwilio } from '../fakes/fake-twilio.server';

const PUBLIC_BASE = 'https://ringlypro.example.com';

/** The real registry with retries in milliseconds, so exhausting them takes no time. */
const FAST_RETRIES: QueueRegistry = {
  queues: QUEUE_REGISTRY.queues,
  jobs: Object.fromEntries(Object.entries(QUEUE_REGISTRY.jobs).map(([name, def]) => [name, { ...def, retry: { attempts: 3, backoff: { type: 'exponential' as const, delayMs: 20 } } }])),
};

describe('number provisioning through the real twilio SDK against a fake Twilio', () => {
  const fake = new FakeTwilio();
  let t: TestApp;
  let area = 300;

  beforeAll(async () => {
    await fake.start();
    t = await startTestApp({
      env: { TWILIO_ACCOUNT_SID: FAKE_ACCOUNT_SID, TWILIO_AUTH_TOKEN: FAKE_AUTH_TOKEN, TWILIO_API_BASE_URL: fake.baseUrl, WEBHOOK_BASE_URL: PUBLIC_BASE },
      queueRegistry: FAST_RETRIES,
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(() => expect(fake.violations).toEqual([]));

  /** A new business in an area code of its own, with numbers for sale there. */
  function nextArea(forSale = 2) {
    area = dialableAreaFrom(area);
    const code = String(area++);
    const businessPhone = `+1${code}6001400`;
    fake.inventory.set(code, Array.from({ length: forSale }, (_, i) => `+1${code}555${String(100 + i).padStart(4, '0')}`));
    return { code, businessPhone };
  }

  const clientRow = async (id: number) =>
    (await t.dataSource.query(`SELECT ringlypro_number, twilio_number_sid, number_status, forwarding_status, provisioning_error FROM clients WHERE id = $1`, [id]))[0];
  const settled = (id: number) => eventually(async () => ((r) => r.forwarding_status !== 'pending' && r)(await clientRow(id)), `client ${id} provisioned or failed`);
  const boughtFor = (clientId: number) => [...fake.numbers.values()].filter((n) => n.friendly_name === `RinglyPro client ${clientId}`);

  it('register → job → a number bought with the right webhook URLs → the client updated', async () => {
    const { code, businessPhone } = nextArea();
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    const row = await settled(tenant.clientId);
    expect(row).toMatchObject({ ringlypro_number: `+1${code}5550100`, forwarding_status: 'active', provisioning_error: null });
    const [number] = boughtFor(tenant.clientId);
    expect(number).toMatchObject({
      sid: row.twilio_number_sid,
      phone_number: `+1${code}5550100`,
      voice_url: `${PUBLIC_BASE}/voice/webhook/voice`,
      voice_method: 'POST',
      sms_url: `${PUBLIC_BASE}/sms/webhook`,
      status_callback: `${PUBLIC_BASE}/voice/status`,
    });
    const search = fake.requestsTo(/GET .*AvailablePhoneNumbers\/\{CountryCode\}\/Local/).at(-1)!;
    expect(search.query).toMatchObject({ AreaCode: code, VoiceEnabled: 'true', SmsEnabled: 'true' });
  });

  it('prefers the area code asked for at sign-up', async () => {
    const preferred = nextArea();
    const { businessPhone } = nextArea();
    const tenant = await registerTenant(t.http, { business_phone: businessPhone, area_code: preferred.code });
    expect((await settled(tenant.clientId)).ringlypro_number).toBe(`+1${preferred.code}5550100`);
  });

  it('retries after a database failure without buying a second number', async () => {
    // The first write of a number fails, as a lost connection would; nextval() is not rolled back.
    await t.dataSource.query(`CREATE SEQUENCE fail_number_write`);
    await t.dataSource.query(`
      CREATE FUNCTION fail_first_number_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF NEW.twilio_number_sid IS NOT NULL AND OLD.twilio_number_sid IS NULL AND nextval('fail_number_write') = 1 THEN
          RAISE EXCEPTION 'connection reset (simulated)';
        END IF;
        RETURN NEW;
      END $$`);
    await t.dataSource.query(`CREATE TRIGGER fail_first_number_write BEFORE UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION fail_first_number_write()`);
    try {
      const { code, businessPhone } = nextArea();
      const before = fake.requestsTo(/POST .*IncomingPhoneNumbers\.json/).length;
      const tenant = await registerTenant(t.http, { business_phone: businessPhone });
      const row = await settled(tenant.clientId);
      expect(row).toMatchObject({ ringlypro_number: `+1${code}5550100`, forwarding_status: 'active' });
      expect(fake.requestsTo(/POST .*IncomingPhoneNumbers\.json/).length - before).toBe(1);
      expect(boughtFor(tenant.clientId)).toHaveLength(1);
      expect(fake.requestsTo(/GET .*IncomingPhoneNumbers\.json/).some((r) => r.query.FriendlyName === `RinglyPro client ${tenant.clientId}`)).toBe(true);
    } finally {
      await t.dataSource.query(`DROP TRIGGER fail_first_number_write ON clients; DROP FUNCTION fail_first_number_write(); DROP SEQUENCE fail_number_write`);
    }
  });

  it('moves on from 21452 to a nearby number', async () => {
    const { code, businessPhone } = nextArea();
    fake.exhaustedAreaCodes.add(code);
    fake.nearby.set(businessPhone, ['+12125550177']);
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    expect((await settled(tenant.clientId)).ringlypro_number).toBe('+12125550177');
    const searches = fake.requestsTo(/GET .*AvailablePhoneNumbers/).slice(-2);
    expect(searches.map((s) => s.query.AreaCode ?? s.query.NearNumber)).toEqual([code, businessPhone]);
  });

  it('falls back to any US number when the area and its neighbourhood are empty', async () => {
    const { code, businessPhone } = nextArea(0);
    fake.anywhere = ['+13125550123'];
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    expect((await settled(tenant.clientId)).ringlypro_number).toBe('+13125550123');
    expect(fake.inventory.get(code)).toEqual([]);
  });

  it('marks a permanent failure as failed at once, with the reason', async () => {
    const { businessPhone } = nextArea();
    fake.failNext(/POST .*IncomingPhoneNumbers\.json$/, { status: 400, code: 21404, message: 'Trial accounts may only buy one number' });
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    const row = await settled(tenant.clientId);
    expect(row).toMatchObject({ forwarding_status: 'failed', ringlypro_number: null });
    expect(row.provisioning_error).toContain('Trial accounts may only buy one number');
    expect(boughtFor(tenant.clientId)).toHaveLength(0);
  });

  it('gives up after the last attempt of a transient failure, then succeeds when the owner retries', async () => {
    const { code, businessPhone } = nextArea();
    fake.failNext(/POST .*IncomingPhoneNumbers\.json$/, { status: 429, code: 20429, message: 'Too Many Requests' }, 3);
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    const failed = await settled(tenant.clientId);
    expect(failed.forwarding_status).toBe('failed');
    expect(failed.provisioning_error).toMatch(/rate limit|20429/i);

    const status = await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).expect(200);
    expect(status.body.forwarding_status).toBe('failed');
    const retry = await t.http.post(`/api/client/${tenant.clientId}/provision`).set(tenant.auth).expect(202);
    expect(retry.body).toMatchObject({ client_id: tenant.clientId, number_status: 'pending' });
    expect((await settled(tenant.clientId)).ringlypro_number).toBe(`+1${code}5550100`);
    await t.http.post(`/api/client/${tenant.clientId}/provision`).set(tenant.auth).expect(409);
  });

  it('converges to active when a retry marked the client pending after the first job stored its number', async () => {
    const { businessPhone } = nextArea();
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    const row = await settled(tenant.clientId);
    // What the race left behind before this fix: a number, yet 'pending'.
    await t.dataSource.query(`UPDATE clients SET number_status = 'pending' WHERE id = $1`, [tenant.clientId]);
    const queue = t.app.get(QueueService);
    await queue.enqueue(JobName.ProvisionNumber, { client_id: tenant.clientId }, { jobId: JobIds.provisionNumberRetry(tenant.clientId, new Date()) });
    const converged = await eventually(async () => ((r) => r.number_status === 'active' && r)(await clientRow(tenant.clientId)), 'converged');
    expect(converged).toMatchObject({ ringlypro_number: row.ringlypro_number, forwarding_status: 'active' });
    expect(boughtFor(tenant.clientId)).toHaveLength(1);
  });

  it('never marks a client that holds a number as failed', async () => {
    const { businessPhone } = nextArea();
    const tenant = await registerTenant(t.http, { business_phone: businessPhone });
    await settled(tenant.clientId);
    await t.app.get(NumberProvisioner).markFailed(tenant.clientId, 'late failure of a raced retry');
    expect(await clientRow(tenant.clientId)).toMatchObject({ number_status: 'active', provisioning_error: null });
  });

  describe('Rachel toggle', () => {
    let tenant: TestTenant;
    let sid: string;
    beforeAll(async () => {
      const { businessPhone } = nextArea();
      tenant = await registerTenant(t.http, { business_phone: businessPhone });
      sid = (await settled(tenant.clientId)).twilio_number_sid;
    });

    it("OFF points the number's VoiceUrl at forward-to-owner; ON points it back at Rachel", async () => {
      const off = await t.http.put(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).send({ rachel_enabled: false }).expect(200);
      expect(off.body).toMatchObject({ client_id: tenant.clientId, rachel_enabled: false, forwarding_status: 'inactive' });
      expect(fake.numbers.get(sid)!.voice_url).toBe(`${PUBLIC_BASE}/voice/forward-to-owner/${tenant.clientId}`);

      const on = await t.http.put(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).send({ rachel_enabled: true }).expect(200);
      expect(on.body).toMatchObject({ rachel_enabled: true, forwarding_status: 'active' });
      expect(fake.numbers.get(sid)!.voice_url).toBe(`${PUBLIC_BASE}/voice/webhook/voice`);
    });

    it('leaves the database unchanged and answers 502 when Twilio fails', async () => {
      fake.failNext(/POST .*IncomingPhoneNumbers\/PN\w+\.json$/, { status: 503, code: 20500, message: 'Service Unavailable' });
      const res = await t.http.put(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).send({ rachel_enabled: false }).expect(502);
      expect(res.body.error).toMatchObject({ code: 'upstream_failed', message: expect.stringMatching(/still on/) });
      const status = await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).expect(200);
      expect(status.body).toMatchObject({ rachel_enabled: true, forwarding_status: 'active' });
      expect(fake.numbers.get(sid)!.voice_url).toBe(`${PUBLIC_BASE}/voice/webhook/voice`);
    });

    it('answers 409 while the number is not provisioned', async () => {
      const { businessPhone } = nextArea();
      fake.failNext(/POST .*IncomingPhoneNumbers\.json$/, { status: 400, code: 21404, message: 'Trial accounts may only buy one number' });
      const unprovisioned = await registerTenant(t.http, { business_phone: businessPhone });
      await settled(unprovisioned.clientId);
      const res = await t.http.put(`/api/client/rachel-status/${unprovisioned.clientId}`).set(unprovisioned.auth).send({ rachel_enabled: false }).expect(409);
      expect(res.body.error.message).toMatch(/could not be provisioned/);
    });

    it('refuses a body without a boolean rachel_enabled', async () => {
      const res = await t.http.put(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).send({ rachel_enabled: 'off' }).expect(400);
      expect(res.body.error.fields[0].field).toBe('rachel_enabled');
    });
  });
});
