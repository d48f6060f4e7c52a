import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

const NUL = 'Acme\u0000Plumbing';
const LONE_SURROGATE = 'Acme \ud800 Plumbing';
const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

/**
 * The routes this work added (the me forms, onboarding, the index) under hostile input: whatever
 * arrives, the answer is a 4xx or a success — never a 5xx, never a hang.
 */
describe('new owner routes under hostile input: 0 5xx', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http);
    await eventually(async () => (await t.http.get('/api/client/me/rachel-status').set(tenant.auth)).body.number_status === 'active', 'provisioning');
  });
  afterAll(() => t.close());

  const statusOf = async (req: PromiseLike<{ status: number }>) => (await req).status;

  // NUL bytes in any string field are the class fix of the hardening work (issue 11 item 8, a global
  // refusal before Postgres sees them); until it lands PATCH /me answers them like PATCH /:client_id.
  it('PATCH /api/client/me with a lone surrogate is stored or refused, never a 5xx', async () => {
    expect(await statusOf(t.http.patch('/api/client/me').set(tenant.auth).send({ custom_greeting: LONE_SURROGATE }))).toBeLessThan(500);
  });

  it.each([
    ['huge string', { custom_greeting: 'x'.repeat(200_000) }],
    ['deep nesting', { business_name: nested(200) }],
    ['wrong types', { appointment_duration: '30; DROP TABLE clients', booking_enabled: 'yes', owner_phone: 16566001400 }],
    ['out of range', { appointment_duration: 2 ** 31 }],
    ['mass assignment', { id: 1, number_status: 'released', forwarding_verified: true, ringlypro_number: '+15005550006' }],
  ])('PATCH /api/client/me with %s → 4xx, nothing changed', async (_label, body) => {
    const before = (await t.http.get('/api/client/me').set(tenant.auth)).body.client;
    const status = await statusOf(t.http.patch('/api/client/me').set(tenant.auth).send(body));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    const after = (await t.http.get('/api/client/me').set(tenant.auth)).body.client;
    expect(after).toEqual(before);
  });

  it.each([
    ['a string', { rachel_enabled: 'false' }],
    ['nothing', {}],
    ['NUL', { rachel_enabled: NUL }],
    ['nesting', nested(200) as Record<string, unknown>],
  ])('PUT /api/client/me/rachel-status with %s → 400', async (_label, body) => {
    expect(await statusOf(t.http.put('/api/client/me/rachel-status').set(tenant.auth).send(body))).toBe(400);
  });

  it('wrong content types are refused with a 4xx', async () => {
    for (const [method, path] of [
      ['patch', '/api/client/me'],
      ['put', '/api/client/me/rachel-status'],
      ['post', '/api/client/me/onboarding/complete'],
      ['post', '/api/client/me/provision'],
    ] as const) {
      const status = await statusOf(t.http[method](path).set(tenant.auth).set('Content-Type', 'text/plain').send('rachel_enabled=false'));
      expect(status).toBeLessThan(500);
      const xml = await statusOf(t.http[method](path).set(tenant.auth).set('Content-Type', 'application/xml').send('<a/>'));
      expect(xml).toBeLessThan(500);
    }
  });

  it.each(['%00', 'att%00', '%F0%9F%92%A9', 'a'.repeat(5000), '..%2F..%2Fetc', '%ED%A0%80'])('GET /api/call-forwarding/setup/%s → 404 (400 for an undecodable path)', async (carrier) => {
    expect([400, 404]).toContain(await statusOf(t.http.get(`/api/call-forwarding/setup/${carrier}`).set(tenant.auth)));
  });

  it('"me" routes never confuse "me" with a client id, and odd ids stay 404', async () => {
    // Express matches paths case-insensitively: /api/client/ME is the caller's own client, as "me" is.
    expect((await t.http.get('/api/client/ME').set(tenant.auth).expect(200)).body.client.id).toBe(tenant.clientId);
    for (const path of ['/api/client/me%00', '/api/client/2147483648', '/api/client/-1', '/api/client/0x10']) {
      const status = await statusOf(t.http.get(path).set(tenant.auth));
      expect([400, 404]).toContain(status);
    }
  });

  it('GET / and /health refuse NUL bytes and broken UTF-8 in the query with a 400, never a 5xx', async () => {
    expect(await statusOf(t.http.get('/?%00=%ED%A0%80'))).toBe(400);
    expect(await statusOf(t.http.get('/health?x=%00'))).toBe(400);
    expect(await statusOf(t.http.get('/health?x=junk'))).toBe(200);
  });
});
