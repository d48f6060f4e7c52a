import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /health', () => {
  describe('when everything is up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('reports the database and the queue driver ready', async () => {
      const res = await t.http.get('/health').expect(200);
      const queueKey = process.env.REDIS_URL ? 'redis' : 'queue';
      expect(res.body).toMatchObject({ success: true, status: 'ok', details: { database: { status: 'up' }, [queueKey]: { status: 'up' } } });
    });

    it('answers liveness without touching dependencies', async () => {
      expect((await t.http.get('/health/live').expect(200)).body).toEqual({ success: true, status: 'ok' });
    });

    it('answers 503 naming the database when it is gone', async () => {
      await t.dataSource.destroy();
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toMatchObject({ success: false, error: { code: 'service_unavailable', message: 'Not ready: database' } });
      expect(res.body.error.details.database.status).toBe('down');
    });
  });

  describe('when Redis is unreachable', () => {
    let t: TestApp;
    beforeAll(async () => {
      // Nothing listens on port 1: the bull driver cannot connect, and the API must still boot.
      t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' }, processJobs: false });
    });
    afterAll(() => t.close());

    it('boots anyway and answers 503 naming redis', async () => {
      const res = await t.http.get('/health').expect(503);
      expect(res.body.error.message).toBe('Not ready: redis');
      expect(res.body.error.details.database.status).toBe('up');
    });
  });
});
