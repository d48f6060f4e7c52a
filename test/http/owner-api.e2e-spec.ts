import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

describe("the owner's API as a new user meets it", () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http);
    other = await registerTenant(t.http);
    await eventually(async () => (await t.http.get('/api/client/me/rachel-status').set(tenant.auth)).body.number_status === 'active', 'provisioning');
  });
  afterAll(() => t.close());

  describe('me routes: the token names the business', () => {
    it('GET /api/client/me returns the same profile as the seed path', async () => {
      const me = await t.http.get('/api/client/me').set(tenant.auth).expect(200);
      const seed = await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth).expect(200);
      expect(me.body).toMatchObject({ success: true, client: { ...seed.body.client, updated_at: expect.any(String) }, onboarding_completed: false });
      expect(me.body.client).toMatchObject({ id: tenant.clientId, number_status: 'active', forwarding_verified: false, rachel_enabled: true });
    });

    it('PATCH /api/client/me changes only your business', async () => {
      await t.http.patch('/api/client/me').set(tenant.auth).send({ custom_greeting: 'Hello from me' }).expect(200);
      expect((await t.http.get('/api/client/me').set(tenant.auth)).body.client.custom_greeting).toBe('Hello from me');
      expect((await t.http.get('/api/client/me').set(other.auth)).body.client.custom_greeting).not.toBe('Hello from me');
    });

    it('PUT /api/client/me/rachel-status toggles Rachel, and the seed path still does too', async () => {
      const off = await t.http.put('/api/client/me/rachel-status').set(tenant.auth).send({ rachel_enabled: false }).expect(200);
      expect(off.body).toMatchObject({ client_id: tenant.clientId, rachel_enabled: false, number_status: 'active', forwarding_status: 'inactive' });
      expect((await t.http.get('/api/client/me/rachel-status').set(tenant.auth)).body.rachel_enabled).toBe(false);
      const on = await t.http.put(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).send({ rachel_enabled: true }).expect(200);
      expect(on.body).toMatchObject({ rachel_enabled: true, forwarding_status: 'active' });
    });

    it('GET /api/call-forwarding/setup/:carrier uses your own numbers, like the seed path', async () => {
      const mine = await t.http.get('/api/call-forwarding/setup/att').set(tenant.auth).expect(200);
      const seed = await t.http.get(`/api/call-forwarding/setup/att/${tenant.clientId}`).set(tenant.auth).expect(200);
      expect(mine.body).toEqual(seed.body);
      expect(mine.body).toMatchObject({ carrier: { id: 'att' }, forward_to: expect.stringMatching(/^\+1\d{10}$/), forwarding_verified: false });
      await t.http.get('/api/call-forwarding/setup/nope').set(tenant.auth).expect(404);
    });

    it('POST /api/client/me/provision answers 409 while a number is held', async () => {
      const res = await t.http.post('/api/client/me/provision').set(tenant.auth).expect(409);
      expect(res.body.error.code).toBe('conflict');
    });

    it('every me route needs a token', async () => {
      for (const [method, path] of [
        ['get', '/api/client/me'],
        ['patch', '/api/client/me'],
        ['get', '/api/client/me/rachel-status'],
        ['put', '/api/client/me/rachel-status'],
        ['post', '/api/client/me/onboarding/complete'],
        ['post', '/api/client/me/provision'],
        ['get', '/api/call-forwarding/setup/att'],
      ] as const) {
        await t.http[method](path).expect(401);
      }
    });

    it("another tenant's seed path stays 404", async () => {
      await t.http.get(`/api/client/${other.clientId}`).set(tenant.auth).expect(404);
      await t.http.put(`/api/client/rachel-status/${other.clientId}`).set(tenant.auth).send({ rachel_enabled: false }).expect(404);
    });
  });

  describe('onboarding_completed: set explicitly by the owner', () => {
    it('POST /api/client/me/onboarding/complete sets it (idempotently) and login shows it', async () => {
      const first = await t.http.post('/api/client/me/onboarding/complete').set(tenant.auth).expect(200);
      expect(first.body).toEqual({ success: true, onboarding_completed: true, number_status: 'active', forwarding_verified: false, rachel_enabled: true });
      await t.http.post('/api/client/me/onboarding/complete').set(tenant.auth).expect(200);
      expect((await t.http.get('/api/client/me').set(tenant.auth)).body.onboarding_completed).toBe(true);
      const login = await t.http.post('/api/auth/login').send({ email: tenant.email, password: tenant.password }).expect(200);
      expect(login.body.user.onboarding_completed).toBe(true);
      expect((await t.http.get('/api/client/me').set(other.auth)).body.onboarding_completed).toBe(false);
    });
  });

  describe('the bare URL, health and the SMS status webhook', () => {
    it('GET / answers a small index of links', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.body).toMatchObject({ success: true, docs: '/docs', openapi: '/docs-json', health: '/health', me: '/api/client/me' });
    });

    it('a healthy /health has no "error" member', async () => {
      const res = await t.http.get('/health').expect(200);
      expect(res.body).toEqual({ success: true, status: 'ok', details: expect.any(Object) });
    });

    it('/sms/status answers an empty TwiML <Response/> as XML', async () => {
      const params = { MessageSid: 'SM' + '0'.repeat(32), From: '+15005550006', To: '+16565550177', MessageStatus: 'delivered' };
      const res = await t.http
        .post('/sms/status')
        .type('form')
        .set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/sms/status`, params))
        .send(params)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.text).toMatch(/<Response\s*\/>/);
    });
  });
});
