import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, registrationBody, type TestTenant, uniquePhone } from '../support/tenants';

/** Issue 11 item 8: each class of bad input that used to be a 500, now a 4xx naming what is wrong. */
describe('bad input classes', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let contactId: number;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http);
    // Enough contacts that ids like 16 (0x10) and 10 (1e1) belong to someone, as in the report.
    for (let i = 0; i < 3; i++) await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'Filler', last_name: String(i), phone: uniquePhone() }).expect(201);
    contactId = (await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'Ava', last_name: 'Nguyen', phone: uniquePhone() }).expect(201)).body.contact.id;
  });
  afterAll(() => t.close());

  const rawJson = (method: 'post' | 'patch', path: string, json: string) => t.http[method](path).set(tenant.auth).set('Content-Type', 'application/json').send(json);

  it('refuses NUL bytes in body values, body keys and query strings, naming the field', async () => {
    const body = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'A\u0000B', last_name: 'X', phone: uniquePhone() }).expect(400);
    expect(body.body.error.fields).toEqual([{ field: 'first_name', message: 'first_name must not contain NUL (\\u0000) characters' }]);
    const key = await t.http.post('/api/contacts').set(tenant.auth).send({ 'first\u0000name': 'A' }).expect(400);
    expect(key.body.error.fields[0].field).toBe('first\uFFFDname');
    const query = await t.http.get('/api/contacts?q=a%00b').set(tenant.auth).expect(400);
    expect(query.body.error.fields).toEqual([{ field: 'q', message: expect.stringContaining('NUL') }]);
    await t.http.get('/api/contacts/1%00').set(tenant.auth).expect(400);
  });

  it('refuses lone surrogates (escaped in JSON, or as broken UTF-8 in the URL), naming the field', async () => {
    const res = await rawJson('post', '/api/contacts', '{"first_name":"\\ud800","last_name":"X","phone":"+16565550101"}').expect(400);
    expect(res.body.error.fields).toEqual([{ field: 'first_name', message: expect.stringContaining('lone surrogate') }]);
    expect((await rawJson('patch', `/api/contacts/${contactId}`, '{"notes":"ok \\udc00 then"}').expect(400)).body.error.fields[0].field).toBe('notes');
    // Broken UTF-8 in a query decodes to U+FFFD (valid text); in the path it cannot be decoded at all.
    expect((await t.http.get('/api/contacts?q=%ED%A0%80').set(tenant.auth)).status).toBe(200);
    await t.http.get('/api/contacts/%ED%A0%80').set(tenant.auth).expect(400);
  });

  it('refuses JSON nested deeper than 10 levels, however deep, without a 5xx', async () => {
    for (const depth of [11, 1_000, 15_000]) {
      const res = await rawJson('post', '/api/contacts', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
      expect(res.status).toBe(400);
      // One limit, one message, whether the byte scan or the parsed-body walk caught it.
      expect(res.body.error.message).toBe('The request body is nested more than 10 levels deep');
    }
    // Exactly ten levels is within the limit: the contact's own validation answers, not the depth rule.
    const atLimit = await rawJson('post', '/api/contacts', `{"first_name":"Al","last_name":"X","phone":"+16565550101","notes":${'{"a":'.repeat(8)}1${'}'.repeat(8)}}`);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.message).not.toMatch(/nested/);
    await rawJson('post', '/api/contacts', `${'['.repeat(30_000)}${']'.repeat(30_000)}`).expect(400);
  });

  it('reads ids one strict way: odd encodings and out-of-range ids are 404, the plain id works', async () => {
    await t.http.get(`/api/contacts/${contactId}`).set(tenant.auth).expect(200);
    const odd = ['0x10', '1e1', '1.0', '%201', '+1', '-1', '0', `0${contactId}`, `${contactId}.0`, `${contactId}%20`, '2147483648', '99999999999', '1'.repeat(300)];
    for (const id of odd) {
      for (const method of ['get', 'patch', 'delete'] as const) {
        const res = await t.http[method](`/api/contacts/${id}`).set(tenant.auth).send(method === 'patch' ? { notes: 'x' } : undefined);
        expect([id, method, res.status]).toEqual([id, method, 404]);
      }
      expect([id, (await t.http.get(`/api/appointments/${id}`).set(tenant.auth)).status]).toEqual([id, 404]);
    }
    await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth).expect(200);
    for (const id of [`0${tenant.clientId}`, `0x${tenant.clientId.toString(16)}`, `${tenant.clientId}.0`, '2147483648']) {
      await t.http.get(`/api/client/${id}`).set(tenant.auth).expect(404);
    }
  });

  it('refuses null for the fields a contact cannot be without, and lets optional ones be cleared', async () => {
    for (const field of ['first_name', 'last_name', 'phone', 'status', 'source']) {
      const res = await t.http.patch(`/api/contacts/${contactId}`).set(tenant.auth).send({ [field]: null }).expect(400);
      expect(res.body.error.fields).toEqual([{ field, message: `${field} must not be null` }]);
    }
    await t.http.patch(`/api/contacts/${contactId}`).set(tenant.auth).send({ email: 'ava@example.com' }).expect(200);
    const cleared = await t.http.patch(`/api/contacts/${contactId}`).set(tenant.auth).send({ email: null, notes: null }).expect(200);
    expect(cleared.body.contact).toMatchObject({ email: null, notes: null, first_name: 'Ava' });
    await t.http.patch(`/api/contacts/${contactId}`).set(tenant.auth).send({}).expect(200);
  });

  it('accepts only time zones Postgres knows, checked against its own list', async () => {
    for (const zone of ['US/Pacific-New', 'Canada/East-Saskatchewan']) {
      const res = await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ timezone: zone }).expect(400);
      expect(res.body.error.fields).toEqual([{ field: 'timezone', message: expect.stringContaining(zone) }]);
      expect((await t.http.post('/api/auth/register').send(registrationBody({ timezone: zone })).expect(400)).body.error.fields[0].field).toBe('timezone');
    }
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ timezone: 'US/Eastern' }).expect(200);
    const [client] = await t.dataSource.query(`SELECT timezone FROM clients WHERE id = $1`, [tenant.clientId]);
    expect(client.timezone).toBe('US/Eastern');
  });

  it('says "is required" for a missing field, once per field, not every rule it breaks', async () => {
    const res = await t.http.post('/api/contacts').set(tenant.auth).send({ last_name: 'X' }).expect(400);
    expect(res.body.error.fields).toEqual([
      { field: 'first_name', message: 'first_name is required' },
      { field: 'phone', message: 'phone is required' },
    ]);
    const wrong = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 42, last_name: 'X', phone: uniquePhone() }).expect(400);
    expect(wrong.body.error.fields).toEqual([{ field: 'first_name', message: 'first_name must be a string' }]);
    const unknown = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'A', last_name: 'X', phone: uniquePhone(), role: 'admin' }).expect(400);
    expect(unknown.body.error.fields).toEqual([{ field: 'role', message: 'role is not a field of this request' }]);
  });

  it('refuses impossible dates in list filters', async () => {
    for (const date of ['2026-02-30', '2026-13-45', '0000-00-00']) {
      expect((await t.http.get(`/api/appointments?from=${date}`).set(tenant.auth).expect(400)).body.error.fields[0].field).toBe('from');
      expect((await t.http.get(`/api/appointments?to=${date}`).set(tenant.auth).expect(400)).body.error.fields[0].field).toBe('to');
    }
  });
});
