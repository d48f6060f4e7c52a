import type { NestExpressApplication } from '@nestjs/platform-express';
import { TenantDatabase, validateEnvironment } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { eventually } from '../support/eventually';
import { GENEROUS_TEST_LIMITS, startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';
import { statementsSent } from '../support/sql-log';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const sid = () => 'CA' + randomBytes(16).toString('hex');

/**
 * Issue 12: Rachel's greeting reads the business's settings (greeting, name, hours, rate, timezone)
 * from a cached view of its clients row, not a query per call. Every change of the row — through the
 * API or straight in the database — is what the very next greeting says, on this instance and
 * (Postgres) on another instance over the same database; an uncommitted change is never served.
 */
describe("Rachel's greeting reads the business from a cached, invalidated view", () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_name: 'View Dental' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  /** Rachel's greeting for a new call to the tenant's number, through `http`; returns the TwiML. */
  async function greet(http: TestAgent = t.http): Promise<string> {
    const params = { AccountSid: 'AC' + '0'.repeat(32), CallSid: sid(), From: '+13105550199', To: rachelNumber, CallStatus: 'ringing', Direction: 'inbound' };
    const res = await http
      .post('/voice/webhook/voice')
      .type('form')
      .set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/webhook/voice`, params))
      .send(params)
      .expect(200);
    expect(res.text).toMatch(/<Gather\b/);
    return res.text;
  }
  const setGreeting = (greeting: string) => t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ custom_greeting: greeting }).expect(200);

  it('a warm greeting reads no clients row and takes at most six round trips', async () => {
    await greet();
    const sent = await statementsSent(t.dataSource, () => greet());
    expect(sent.map((s) => s.sql).filter((q) => /FROM "?clients"?/i.test(q))).toEqual([]);
    // Its transaction's round trips, on the connection that opened it (on Postgres the greeting rides a
    // shared transaction, whose messages carry its statements): prelude, the call row (with its id),
    // the account lock, the admission, the opening transcript, COMMIT — the prelude with the first.
    const begin = sent.find((s) => s.sql.startsWith('BEGIN'));
    expect(sent.filter((s) => s.runner === begin?.runner).length).toBeLessThanOrEqual(6);
  });

  it('says a greeting changed through the API on the very next call', async () => {
    await setGreeting('Hello from the first greeting');
    expect(await greet()).toContain('Hello from the first greeting');
    await setGreeting('Hello from the second greeting');
    expect(await greet()).toContain('Hello from the second greeting');
  });

  it('says a greeting changed directly in the database on the next call', async () => {
    await greet();
    await t.dataSource.query(`UPDATE clients SET custom_greeting = 'Hello straight from SQL' WHERE id = $1`, [tenant.clientId]);
    expect(await greet()).toContain('Hello straight from SQL');
  });

  it('lets a transaction read its own uncommitted change, and serves nobody else the change it rolled back', async () => {
    await setGreeting('Hello before the rollback');
    await greet();
    const store = t.app.get(TenantClientStore);
    await t.app
      .get(TenantDatabase)
      .run(tenant.clientId, async () => {
        await store.update({ custom_greeting: 'Hello never committed' });
        expect((await store.view()).custom_greeting).toBe('Hello never committed');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const twiml = await greet();
    expect(twiml).toContain('Hello before the rollback');
    expect(twiml).not.toContain('never committed');
  });

  it('hands out a frozen copy nobody can change for the others', async () => {
    const view = await t.app.get(TenantDatabase).run(tenant.clientId, () => t.app.get(TenantClientStore).view());
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => Object.assign(view, { custom_greeting: 'Mutated' })).toThrow(TypeError);
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
      // B checks signatures with A's token and shares A's JWT secret (passport's strategies are process-wide).
      second = await createApiApp({ ...config, webhookSigningToken: t.config.webhookSigningToken, jwt: t.config.jwt }, { processJobs: false });
      await second.init();
      http2 = request(second.getHttpServer());
    });
    afterAll(() => second.close());

    /** B learns of a change by NOTIFY, just after the commit: within milliseconds (generous bound for CI). */
    const bSays = (text: string) => eventually(async () => ((await greet(http2)).includes(text) ? true : undefined), `instance B says "${text}"`, 2_000);

    it('a greeting changed through instance A is said by instance B', async () => {
      await setGreeting('Hello, A speaking');
      await bSays('Hello, A speaking'); // B's view is warm
      await setGreeting('Hello, changed on A');
      await bSays('Hello, changed on A');
      await t.dataSource.query(`UPDATE clients SET custom_greeting = 'Hello, changed in SQL' WHERE id = $1`, [tenant.clientId]);
      await bSays('Hello, changed in SQL');
    });

    it('after its listening connection is killed, B serves changes made meanwhile and after', async () => {
      await setGreeting('Hello before the loss');
      await bSays('Hello before the loss');
      await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ringlypro-listen' AND datname = current_database()`);
      await t.dataSource.query(`UPDATE clients SET custom_greeting = 'Hello while deaf' WHERE id = $1`, [tenant.clientId]);
      await bSays('Hello while deaf');
      await eventually(
        async () => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ringlypro-listen' AND datname = current_database()`))[0].n >= 2 ? true : undefined),
        'listeners back',
      );
      await greet(http2);
      await t.dataSource.query(`UPDATE clients SET custom_greeting = 'Hello after reconnecting' WHERE id = $1`, [tenant.clientId]);
      await bSays('Hello after reconnecting');
    });
  });
});
