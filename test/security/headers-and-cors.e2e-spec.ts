import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** Issue 11 (lower items): helmet headers, no-store on the API, a CORS allow-list, Swagger switch. */
describe('security: headers and CORS', () => {
  describe('defaults', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('sends security headers and Cache-Control: no-store on /api/*', async () => {
      const tenant = await registerTenant(t.http);
      const res = await t.http.get('/api/auth/me').set(tenant.auth).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Errors too.
      const error = await t.http.get('/api/contacts').expect(401);
      expect(error.headers['cache-control']).toBe('no-store');
    });

    it('allows no cross-origin reads without CORS_ORIGINS', async () => {
      const res = await t.http.get('/health/live').set('Origin', 'https://dash.example.com');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves the Swagger explorer outside production', async () => {
      await t.http.get('/docs-json').expect(200);
      const ui = await t.http.get('/docs/').expect(200);
      expect(ui.text).toContain('swagger');
    });
  });

  describe('with CORS_ORIGINS and SWAGGER_ENABLED=false', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { CORS_ORIGINS: 'https://dash.example.com, https://admin.example.com', SWAGGER_ENABLED: 'false' } });
    });
    afterAll(() => t.close());

    it('answers a preflight from a listed origin, exposing Retry-After', async () => {
      const res = await t.http
        .options('/api/contacts')
        .set('Origin', 'https://admin.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('https://admin.example.com');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await t.http.get('/health/live').set('Origin', 'https://dash.example.com').expect(200);
      expect(get.headers['access-control-allow-origin']).toBe('https://dash.example.com');
      expect(get.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    });

    it('gives an unlisted origin no CORS grant', async () => {
      const res = await t.http.options('/api/contacts').set('Origin', 'https://evil.example.net').set('Access-Control-Request-Method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('does not serve Swagger when SWAGGER_ENABLED=false', async () => {
      await t.http.get('/docs-json').expect(404);
      await t.http.get('/docs/').expect(404);
    });
  });
});
