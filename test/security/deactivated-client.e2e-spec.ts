import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** Issue 11 (lower items): a deactivated business can neither log in nor use the API. */
describe('security: deactivated client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 403 to its live token and to a correct login; another tenant is unaffected', async () => {
    const tenant = await registerTenant(t.http);
    const other = await registerTenant(t.http);
    await t.http.get('/api/contacts').set(tenant.auth).expect(200);

    await t.dataSource.query(`UPDATE clients SET active = false WHERE id = $1`, [tenant.clientId]);

    const api = await t.http.get('/api/contacts').set(tenant.auth).expect(403);
    expect(api.body).toMatchObject({ success: false, error: { code: 'forbidden', message: expect.stringMatching(/deactivated/) } });
    await t.http.post('/api/contacts').set(tenant.auth).send({ name: 'Kim', phone: '+12125550100' }).expect(403);
    const login = await t.http.post('/api/auth/login').send({ email: tenant.email, password: tenant.password }).expect(403);
    expect(login.body.error.message).toMatch(/deactivated/);
    // A wrong password still gets the generic 401: deactivation is confirmed only to the owner.
    await t.http.post('/api/auth/login').send({ email: tenant.email, password: 'not the password' }).expect(401);
    await t.http.get('/api/contacts').set(other.auth).expect(200);

    await t.dataSource.query(`UPDATE clients SET active = true WHERE id = $1`, [tenant.clientId]);
    await t.http.get('/api/contacts').set(tenant.auth).expect(200);
  });
});
