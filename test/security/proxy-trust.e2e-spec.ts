import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** Issue 11 item 5: X-Forwarded-For is believed only from configured proxies (TRUST_PROXY). */
describe('security: proxy trust', () => {
  describe('without TRUST_PROXY (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For: twelve spoofed addresses share one lockout, and the right password then gets 429', async () => {
      const tenant = await registerTenant(t.http);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await t.http.post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i + 1}`).send({ email: tenant.email, password: `guess ${i}` });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      await t.http.post('/api/auth/login').set('X-Forwarded-For', '203.0.113.99').send({ email: tenant.email, password: tenant.password }).expect(429);
    });

    it('keys per-address rate limits by the socket address, not by the header', async () => {
      const limited = await startTestApp({ env: { RATE_LIMIT_ADDRESS_PER_MINUTE: '10' } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          statuses.push((await limited.http.post('/api/auth/login').set('X-Forwarded-For', `198.51.100.${i}`).send({ email: `n${i}@example.com`, password: 'whatever!' })).status);
        }
        expect(statuses).toEqual([401, 401, 429]);
      } finally {
        await limited.close();
      }
    });
  });

  describe('with TRUST_PROXY=loopback (a proxy on this host)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    });
    afterAll(() => t.close());

    it("uses the proxy's X-Forwarded-For: one client's lockout does not lock out another client's address", async () => {
      const tenant = await registerTenant(t.http);
      for (let i = 0; i < 5; i++) {
        await t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.7').send({ email: tenant.email, password: `guess ${i}` }).expect(401);
      }
      await t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.7').send({ email: tenant.email, password: tenant.password }).expect(429);
      await t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.8').send({ email: tenant.email, password: tenant.password }).expect(200);
    });
  });
});
