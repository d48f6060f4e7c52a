import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** Issue 11 item 5: a per-account throttle that rotating addresses cannot reset. */
describe('security: per-account login throttle', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Trust a loopback proxy so the test can present many client addresses, as a botnet would.
    t = await startTestApp({ env: { TRUST_PROXY: 'loopback', LOGIN_ACCOUNT_MAX_FAILURES: '8' } });
  });
  afterAll(() => t.close());

  it('locks the account after LOGIN_ACCOUNT_MAX_FAILURES failures from any mix of addresses', async () => {
    const tenant = await registerTenant(t.http);
    const other = await registerTenant(t.http);
    for (let i = 0; i < 8; i++) {
      // Two guesses per address: never five from one, so only the per-account counter can stop this.
      await t.http.post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${Math.floor(i / 2) + 1}`).send({ email: tenant.email, password: `guess ${i}` }).expect(401);
    }
    const locked = await t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.50').send({ email: tenant.email, password: tenant.password }).expect(429);
    expect(locked.body).toMatchObject({ success: false, error: { code: 'too_many_requests' } });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Other accounts are untouched.
    await t.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.1').send({ email: other.email, password: other.password }).expect(200);
  });

  it('does not lock the account for failures older than the 15-minute window', async () => {
    const tenant = await registerTenant(t.http);
    await t.dataSource.query(
      `INSERT INTO login_failures (email, ip, failed_at) SELECT $1, '203.0.113.' || g, now() - interval '16 minutes' FROM generate_series(1, 20) g`,
      [tenant.email],
    );
    await t.http.post('/api/auth/login').send({ email: tenant.email, password: tenant.password }).expect(200);
  });
});
