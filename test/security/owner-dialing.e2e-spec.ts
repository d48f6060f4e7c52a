import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

/**
 * The owner's line is dialed at the platform's cost: it must be a US/Canadian line (never premium-rate,
 * non-geographic or another +1 country), and never a Rachel number (that loops the call into another
 * business's Rachel and spends its minutes) — refused in settings, and checked again at dial time.
 */
describe("owner's line: only a US or Canadian line, never premium-rate, never a Rachel number", () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  const rachelNumberOf = (tenant: TestTenant) =>
    eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [tenant.clientId]))[0].ringlypro_number as string | null, 'provisioning');

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  it.each([['+19005550100'], ['+12129760000'], ['+18099990000'], ['+15005550006'], ['+17875550100']])('refuses owner_phone %s with a 400 naming it', async (phone) => {
    const res = await t.http.patch('/api/client/me').set(a.auth).send({ owner_phone: phone }).expect(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'owner_phone' })]);
  });

  it('accepts a geographic or toll-free US/Canadian owner line', async () => {
    await t.http.patch('/api/client/me').set(a.auth).send({ owner_phone: '+14165550123' }).expect(200);
    await t.http.patch('/api/client/me').set(a.auth).send({ owner_phone: '+18005550123' }).expect(200);
  });

  it("never dials another business's Rachel number: the caller leaves a voicemail instead", async () => {
    const aNumber = await rachelNumberOf(a);
    const bNumber = await rachelNumberOf(b);
    // Written directly, as an old row or a manual edit would be: the dial-time check still holds.
    await t.dataSource.query(`UPDATE clients SET owner_phone = $2, rachel_enabled = false WHERE id = $1`, [a.clientId, bNumber]);
    const answer = await phoneCall(t, aNumber!).dial();
    expect(answer.twiml).not.toContain('<Dial');
    expect(answer.twiml).toContain('<Record');
  });

  it('never dials a premium-rate owner line found in the database', async () => {
    const aNumber = await rachelNumberOf(a);
    await t.dataSource.query(`UPDATE clients SET owner_phone = '+19005550100', rachel_enabled = false WHERE id = $1`, [a.clientId]);
    const answer = await phoneCall(t, aNumber!).dial();
    expect(answer.twiml).not.toContain('+19005550100');
    expect(answer.twiml).toContain('<Record');
  });
});
