import type { NestExpressApplication } from '@nestjs/platform-express';
import { validateEnvironment } from '@ringlypro/core';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Logger } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { eventually } from '../support/eventually';
import { GENEROUS_TEST_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, uniquePhone, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const sid = () => 'CA' + randomBytes(16).toString('hex');

/**
 * Issue 12: the webhook's number → business lookup is cached (no transaction per webhook), and every
 * change of a client's row — through the API or straight in the database — reaches the very next
 * webhook, on this instance and (Postgres) on another instance over the same database.
 */
describe('webhook number directory cache', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_name: 'Cache Dental' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  /** The greeting webhook for a call to `to`, signed as Twilio signs it; returns the TwiML. */
  async function greet(http: TestAgent, to: string): Promise<string> {
    const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: sid(), From: '+13105550199', To: to, CallStatus: 'ringing', Direction: 'inbound' };
    const res = await http
      .post('/voice/webhook/voice')
      .type('form')
      .set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/webhook/voice`, params))
      .send(params)
      .expect(200);
    return res.text;
  }
  const rachelAnswers = (twiml: string) => /<Gather\b/.test(twiml);
  const ownerRings = (twiml: string) => /<Dial\b/.test(twiml);
  const apology = (twiml: string) => /can(&apos;|')t take your call/.test(twiml);

  /** The statements that looked a number up across tenants while `fn` ran. */
  async function lookupsDuring(fn: () => Promise<unknown>): Promise<number> {
    const seen: string[] = [];
    const original = t.dataSource.logger;
    const counting = Object.assign(Object.create(Object.getPrototypeOf(original) as object) as Logger, original, { logQuery: (q: string) => void seen.push(q) });
    (t.dataSource as unknown as { logger: Logger }).logger = counting;
    try {
      await fn();
    } finally {
      (t.dataSource as unknown as { logger: Logger }).logger = original;
    }
    return seen.filter((q) => /FROM "clients"/.test(q) && /"ringlypro_number" = \$1/.test(q)).length;
  }

  it('answers a repeated call to the same number without looking the number up again', async () => {
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
    expect(await lookupsDuring(() => greet(t.http, rachelNumber))).toBe(0);
  });

  it('sees Rachel switched off and on through the API on the very next webhook', async () => {
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
    await t.http.put('/api/client/me/rachel-status').set(tenant.auth).send({ rachel_enabled: false }).expect(200);
    expect(ownerRings(await greet(t.http, rachelNumber))).toBe(true);
    await t.http.put('/api/client/me/rachel-status').set(tenant.auth).send({ rachel_enabled: true }).expect(200);
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
  });

  it('sees a deactivation made directly in the database, and the new business name with it', async () => {
    await greet(t.http, rachelNumber);
    await t.dataSource.query(`UPDATE clients SET active = false, business_name = 'Renamed Dental' WHERE id = $1`, [tenant.clientId]);
    const twiml = await greet(t.http, rachelNumber);
    expect(apology(twiml)).toBe(true);
    expect(twiml).toContain('Renamed Dental');
    await t.dataSource.query(`UPDATE clients SET active = true WHERE id = $1`, [tenant.clientId]);
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
  });

  it('follows a number change: the old number is unknown at once, the new one (cached as unknown before) is the business', async () => {
    const newNumber = uniquePhone();
    expect(apology(await greet(t.http, newNumber))).toBe(true); // now cached as "unknown"
    expect(apology(await greet(t.http, newNumber))).toBe(true);
    await t.dataSource.query(`UPDATE clients SET ringlypro_number = $2 WHERE id = $1`, [tenant.clientId, newNumber]);
    expect(rachelAnswers(await greet(t.http, newNumber))).toBe(true);
    const old = await greet(t.http, rachelNumber);
    expect(apology(old) && !old.includes('Dental')).toBe(true);
    await t.dataSource.query(`UPDATE clients SET ringlypro_number = $2 WHERE id = $1`, [tenant.clientId, rachelNumber]);
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
  });

  it('forgets a rolled-back change as if it never happened (no stale value, no spurious one)', async () => {
    await greet(t.http, rachelNumber);
    await t.dataSource
      .transaction(async (m) => {
        await m.query(`UPDATE clients SET active = false WHERE id = $1`, [tenant.clientId]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(rachelAnswers(await greet(t.http, rachelNumber))).toBe(true);
  });

  it('keeps serving the right business to many concurrent webhooks while its row changes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        if (i === 15) await t.dataSource.query(`UPDATE clients SET custom_greeting = 'Concurrent hello' WHERE id = $1`, [tenant.clientId]);
        return greet(t.http, rachelNumber);
      }),
    );
    expect(answers.every(rachelAnswers)).toBe(true);
    expect(await greet(t.http, rachelNumber)).toContain('Concurrent hello');
  });

  const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
  onPostgres('two app instances over one database (Postgres)', () => {
    let second: NestExpressApplication;
    let http2: TestAgent;

    beforeAll(async () => {
      const config = validateEnvironment({
        NODE_ENV: 'test',
        ...GENEROUS_TEST_LIMITS,
        WEBHOOK_BASE_URL: PUBLIC_BASE,
        DATABASE_URL: (t.config.database as { url: string }).url,
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
      });
      // Test configs draw random secrets. B checks signatures with A's token, and shares A's JWT secret
      // because passport's strategies are process-wide: B's would replace A's.
      second = await createApiApp({ ...config, webhookSigningToken: t.config.webhookSigningToken, jwt: t.config.jwt }, { processJobs: false });
      await second.init();
      http2 = request(second.getHttpServer());
    });
    afterAll(() => second.close());

    /**
     * Another instance learns of a change by NOTIFY, which Postgres delivers just after the commit: B
     * is consistent within milliseconds, not before the writer's own reply returns (A is: it clears its
     * own cache at commit). The bound here is generous for a loaded CI machine.
     */
    const reaches = (probe: () => Promise<string>, answer: (twiml: string) => boolean) =>
      eventually(async () => answer(await probe()) || undefined, `instance B sees the change (${answer.name})`, 2_000);

    it('a change through instance A reaches instance B within milliseconds', async () => {
      // B may take a moment after boot to start listening; until then it caches nothing.
      await eventually(async () => (rachelAnswers(await greet(http2, rachelNumber)) ? true : undefined), 'instance B answers');
      await reaches(() => greet(http2, rachelNumber), rachelAnswers); // B's cache is warm
      await t.http.put('/api/client/me/rachel-status').set(tenant.auth).send({ rachel_enabled: false }).expect(200);
      await reaches(() => greet(http2, rachelNumber), ownerRings);
      await t.http.put('/api/client/me/rachel-status').set(tenant.auth).send({ rachel_enabled: true }).expect(200);
      await reaches(() => greet(http2, rachelNumber), rachelAnswers);
      await t.dataSource.query(`UPDATE clients SET active = false WHERE id = $1`, [tenant.clientId]);
      await reaches(() => greet(http2, rachelNumber), apology);
      await t.dataSource.query(`UPDATE clients SET active = true WHERE id = $1`, [tenant.clientId]);
      await reaches(() => greet(http2, rachelNumber), rachelAnswers);
    });

    it('a number that B cached as unknown is the business on B once A assigns it', async () => {
      const newNumber = uniquePhone();
      await reaches(() => greet(http2, newNumber), apology);
      await t.dataSource.query(`UPDATE clients SET ringlypro_number = $2 WHERE id = $1`, [tenant.clientId, newNumber]);
      await reaches(() => greet(http2, newNumber), rachelAnswers);
      await t.dataSource.query(`UPDATE clients SET ringlypro_number = $2 WHERE id = $1`, [tenant.clientId, rachelNumber]);
      await reaches(() => greet(http2, newNumber), apology);
    });

    it('after its listening connection is killed, B notices, reconnects, and changes reach it again', async () => {
      await greet(http2, rachelNumber);
      await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ringlypro-listen' AND datname = current_database()`);
      await t.dataSource.query(`UPDATE clients SET rachel_enabled = false WHERE id = $1`, [tenant.clientId]);
      await reaches(() => greet(http2, rachelNumber), ownerRings);
      // Listening again (within a second or so): changes still arrive.
      await eventually(
        async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ringlypro-listen' AND datname = current_database()`))[0].n >= 2 ? true : undefined),
        'listeners back',
      );
      await greet(http2, rachelNumber);
      await t.dataSource.query(`UPDATE clients SET rachel_enabled = true WHERE id = $1`, [tenant.clientId]);
      await reaches(() => greet(http2, rachelNumber), rachelAnswers);
    });
  });
});
