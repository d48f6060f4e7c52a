import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, registrationBody, type TestTenant } from '../support/tenants';

describe('input rules: North American business lines, IANA region time zones', () => {
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  const fieldsOf = (body: { error: { fields?: Array<{ field: string; message: string }> } }) => body.error.fields ?? [];

  it.each([
    ['business_phone', '+44 20 7183 8750'],
    ['business_phone', '+234 803 123 4567'],
    ['owner_phone', '+61 2 9374 4000'],
  ])('sign-up refuses a %s outside North America (%s) with a 400 naming the field', async (field, phone) => {
    const res = await t.http.post('/api/auth/register').send(registrationBody({ [field]: phone })).expect(400);
    expect(fieldsOf(res.body)).toEqual([{ field, message: `${field} must be a US or Canadian phone number such as (656) 600-1400 or +16566001400` }]);
  });

  it('a Canadian business phone is welcome', async () => {
    const res = await t.http.post('/api/auth/register').send(registrationBody({ business_phone: '+1 (416) 555-0199' })).expect(201);
    expect(res.body.client.business_phone).toBe('+14165550199');
  });

  it('PATCH refuses an owner_phone outside North America', async () => {
    const res = await t.http.patch('/api/client/me').set(tenant.auth).send({ owner_phone: '+442071838750' }).expect(400);
    expect(fieldsOf(res.body)[0].field).toBe('owner_phone');
  });

  it("customers' numbers may be international (a contact in London)", async () => {
    await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'Ian', last_name: 'Wright', phone: '+442071838750' }).expect(201);
  });

  it.each(['EST', 'EST5EDT', 'UTC', 'GMT', 'Etc/GMT+5'])('refuses the time zone %s: it ignores daylight saving or is not a place', async (zone) => {
    const patch = await t.http.patch('/api/client/me').set(tenant.auth).send({ timezone: zone }).expect(400);
    expect(fieldsOf(patch.body)).toEqual([{ field: 'timezone', message: expect.stringMatching(/IANA region time zone such as America\/New_York/) }]);
    await t.http.post('/api/auth/register').send(registrationBody({ timezone: zone })).expect(400);
  });

  it('accepts region names', async () => {
    for (const zone of ['America/Denver', 'America/Puerto_Rico', 'America/New_York']) {
      const res = await t.http.patch('/api/client/me').set(tenant.auth).send({ timezone: zone }).expect(200);
      expect(res.body.client.timezone).toBe(zone);
    }
  });
});
