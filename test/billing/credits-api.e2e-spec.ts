import { FixedClock } from '@ringlypro/core';
import { FakeStripe, FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET, stripeSignature } from '../fakes/fake-stripe.server';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { account, billingPorts, callSid, ledgerRows, setAccount } from './billing-fixtures';

const INTERNAL_TOKEN = 'internal-billing-token-0123456789abcdef';

describe('credits API', () => {
  let t: TestApp;
  let owner: TestTenant;
  let admin: TestTenant;
  // Tuesday 10 Nov 2026, 10:00 in New York.
  const clock = new FixedClock(new Date('2026-11-10T15:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { BILLING_INTERNAL_TOKEN: INTERNAL_TOKEN } });
    owner = await registerTenant(t.http);
    admin = await registerTenant(t.http);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.userId]);
  });
  afterAll(() => t.close());

  describe('GET /api/credits/balance', () => {
    it("shows a new business's free month: 100 minutes, nothing paid, resetting on the 1st of its next local month", async () => {
      const res = await t.http.get('/api/credits/balance').set(owner.auth).expect(200);
      expect(res.body).toEqual({
        success: true,
        currency: 'USD',
        balance: '0.00',
        per_minute_rate: '0.10',
        free_minutes: { allowance: 100, used: 0, left: 100, resets_on: '2026-12-01' },
        minutes_used_this_month: 0,
        total_minutes_used: 0,
        total_amount_spent: '0.00',
        affordable_minutes: 100,
        rachel_paused: false,
        low_balance: false,
        low_balance_threshold: '5.00',
        timezone: 'America/New_York',
      });
    });

    it('flags low balance and a paused Rachel once free minutes are gone and credit is short', async () => {
      const b = await registerTenant(t.http);
      await setAccount(t, b.clientId, { balance: '0.05', free_minutes_used: 100 });
      const res = await t.http.get('/api/credits/balance').set(b.auth).expect(200);
      expect(res.body).toMatchObject({ balance: '0.05', affordable_minutes: 0, rachel_paused: true, low_balance: true, free_minutes: { left: 0, used: 100 } });
    });

    it('needs a token', async () => {
      await t.http.get('/api/credits/balance').expect(401);
    });
  });

  describe('POST /api/credits/track-usage', () => {
    const call = (clientId: number, sid: string, seconds = 125) => ({ client_id: clientId, usage_type: 'voice_call', call_sid: sid, duration_seconds: seconds });

    it('records a call for an internal service, once per call_sid', async () => {
      const sid = callSid();
      const first = await t.http.post('/api/credits/track-usage').set('X-Internal-Token', INTERNAL_TOKEN).send(call(owner.clientId, sid)).expect(200);
      expect(first.body).toMatchObject({ success: true, duplicate: false, entry: { call_sid: sid, minutes: 3, free_minutes: 3, charged_from: 'free_tier', source: 'manual' } });
      const again = await t.http.post('/api/credits/track-usage').set('X-Internal-Token', INTERNAL_TOKEN).send(call(owner.clientId, sid, 999)).expect(200);
      expect(again.body).toMatchObject({ duplicate: true, entry: { id: first.body.entry.id, minutes: 3 } });
      expect((await account(t, owner.clientId)).free_minutes_used).toBe(3);
    });

    it('a call already charged by the meter is a duplicate here too (one ledger, one key)', async () => {
      const sid = callSid();
      const ports = billingPorts(t, owner.clientId);
      await ports.admit(sid);
      await ports.callEnded(sid, 60);
      const res = await t.http.post('/api/credits/track-usage').set(admin.auth).send(call(owner.clientId, sid)).expect(200);
      expect(res.body.duplicate).toBe(true);
    });

    it('records a text for a platform admin', async () => {
      const res = await t.http.post('/api/credits/track-usage').set(admin.auth).send({ client_id: owner.clientId, usage_type: 'sms', message_sid: 'SM' + 'b'.repeat(32), segments: 2 }).expect(200);
      expect(res.body.entry).toMatchObject({ usage_type: 'sms', segments: 2, cost: '0.00' });
    });

    it.each([
      ['no credentials', {}, 401],
      ['a wrong internal token', { 'X-Internal-Token': 'x'.repeat(40) }, 401],
      ["an owner's token", 'owner', 403],
    ])('refuses %s', async (_label, headers, status) => {
      const set = headers === 'owner' ? owner.auth : (headers as Record<string, string>);
      const before = await ledgerRows(t, owner.clientId);
      await t.http.post('/api/credits/track-usage').set(set).send(call(owner.clientId, callSid())).expect(status);
      expect(await ledgerRows(t, owner.clientId)).toEqual(before);
    });

    it('404s for a client that does not exist', async () => {
      await t.http.post('/api/credits/track-usage').set('X-Internal-Token', INTERNAL_TOKEN).send(call(99_999, callSid())).expect(404);
    });

    it.each([
      [{ usage_type: 'voice_call', call_sid: 'CA1' }, 'duration_seconds'],
      [{ usage_type: 'voice_call', duration_seconds: 5 }, 'call_sid'],
      [{ usage_type: 'voice_call', call_sid: 'CA\u0000x', duration_seconds: 5 }, 'call_sid'],
      [{ usage_type: 'voice_call', call_sid: 'CA1', duration_seconds: -1 }, 'duration_seconds'],
      [{ usage_type: 'voice_call', call_sid: 'CA1', duration_seconds: 1e12 }, 'duration_seconds'],
      [{ usage_type: 'sms', message_sid: 'SM1' }, 'segments'],
      [{ usage_type: 'fax', call_sid: 'CA1', duration_seconds: 5 }, 'usage_type'],
      [{ usage_type: 'voice_call', call_sid: 'CA1', duration_seconds: '60' }, 'duration_seconds'],
    ])('names the bad field: %j', async (body, field) => {
      const res = await t.http.post('/api/credits/track-usage').set('X-Internal-Token', INTERNAL_TOKEN).send({ client_id: owner.clientId, ...body }).expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });

  describe('ledger and daily totals', () => {
    let b: TestTenant;
    beforeAll(async () => {
      b = await registerTenant(t.http);
      // Already told about the low balance, so no owner text joins the figures.
      await setAccount(t, b.clientId, { free_minutes_used: 98, balance: '3.00', low_balance_notified: true });
      const ports = billingPorts(t, b.clientId);
      // 9 Nov 23:30 New York (10 Nov 04:30Z) and 10 Nov 10:00: two local days.
      const start = clock.now();
      try {
        clock.set(new Date('2026-11-10T04:30:00Z'));
        const s1 = callSid();
        await ports.admit(s1);
        await ports.callEnded(s1, 30);
        clock.set(start);
        const s2 = callSid();
        await ports.admit(s2);
        await ports.callEnded(s2, 185);
        await ports.textSent('SM' + 'c'.repeat(32), 3);
      } finally {
        clock.set(start);
      }
    });

    it('lists the ledger newest first with money as strings and local times', async () => {
      const res = await t.http.get('/api/credits/usage').set(b.auth).expect(200);
      expect(res.body.pagination).toEqual({ page: 1, page_size: 20, total: 3 });
      expect(res.body.data.map((e: { usage_type: string }) => e.usage_type)).toEqual(['sms', 'voice_call', 'voice_call']);
      expect(res.body.data[1]).toMatchObject({ minutes: 4, free_minutes: 1, paid_minutes: 3, cost: '0.30', charged_from: 'mixed', balance_before: '3.00', balance_after: '2.70', created_at_local: '2026-11-10 10:00' });
      expect(res.body.data[2]).toMatchObject({ created_at: '2026-11-10T04:30:00.000Z', created_at_local: '2026-11-09 23:30' });
    });

    it('filters by local date and pages', async () => {
      const day = await t.http.get('/api/credits/usage?from=2026-11-09&to=2026-11-09').set(b.auth).expect(200);
      expect(day.body.data).toHaveLength(1);
      const page2 = await t.http.get('/api/credits/usage?page=2&page_size=2').set(b.auth).expect(200);
      expect(page2.body.data).toHaveLength(1);
      expect(page2.body.pagination).toEqual({ page: 2, page_size: 2, total: 3 });
    });

    it('totals each local day, days without usage included', async () => {
      const res = await t.http.get('/api/credits/usage/daily?from=2026-11-08&to=2026-11-10').set(b.auth).expect(200);
      expect(res.body).toMatchObject({ timezone: 'America/New_York', from: '2026-11-08', to: '2026-11-10' });
      expect(res.body.days).toEqual([
        { date: '2026-11-08', calls: 0, minutes: 0, free_minutes: 0, paid_minutes: 0, texts: 0, text_segments: 0, cost: '0.00', credits: '0.00' },
        { date: '2026-11-09', calls: 1, minutes: 1, free_minutes: 1, paid_minutes: 0, texts: 0, text_segments: 0, cost: '0.00', credits: '0.00' },
        { date: '2026-11-10', calls: 1, minutes: 4, free_minutes: 1, paid_minutes: 3, texts: 1, text_segments: 3, cost: '0.30', credits: '0.00' },
      ]);
      const defaults = await t.http.get('/api/credits/usage/daily').set(b.auth).expect(200);
      expect(defaults.body).toMatchObject({ from: '2026-10-12', to: '2026-11-10' });
      expect(defaults.body.days).toHaveLength(30);
    });

    it('shows minutes used this month on the balance', async () => {
      expect((await t.http.get('/api/credits/balance').set(b.auth).expect(200)).body).toMatchObject({ minutes_used_this_month: 5, balance: '2.70', free_minutes: { left: 0 } });
    });

    it.each([
      '/api/credits/usage?from=2026-02-30',
      '/api/credits/usage?from=1969-12-31',
      '/api/credits/usage?to=2100-01-01',
      '/api/credits/usage?page=0x10',
      '/api/credits/usage?page_size=1e1',
      '/api/credits/usage?from=2026-11-10&to=2026-11-01',
      '/api/credits/usage?from[]=2026-11-01',
      '/api/credits/usage?page=0',
      '/api/credits/usage?page_size=1000',
      '/api/credits/usage?page=99999999999',
      '/api/credits/usage?from=%00',
      '/api/credits/usage?from=%ED%A0%80',
      '/api/credits/usage/daily?from=2024-01-01&to=2026-01-01',
      '/api/credits/usage/daily?to=2026-13-01',
      '/api/credits/usage?foo=bar',
    ])('refuses %s with a 400', async (path) => {
      const res = await t.http.get(path).set(b.auth);
      expect(res.status).toBe(400);
      expect(res.body.success).toBe(false);
    });
  });

  describe('POST /api/credits/test/add-credits', () => {
    it('adds credit in development and test, in the ledger', async () => {
      const b = await registerTenant(t.http);
      const res = await t.http.post('/api/credits/test/add-credits').set(b.auth).send({ amount: '25.50' }).expect(201);
      expect(res.body).toMatchObject({ balance: '25.50', entry: { usage_type: 'adjustment', source: 'test', credit: '25.50', charged_from: 'credit' } });
    });

    it.each([[{ amount: 25 }], [{ amount: '0' }], [{ amount: '1000.01' }], [{ amount: '1e3' }], [{ amount: '-5' }], [{}], [{ amount: '5', extra: 1 }]])('refuses %j', async (body) => {
      const res = await t.http.post('/api/credits/test/add-credits').set(owner.auth).send(body).expect(400);
      expect(res.body.error.fields.length).toBeGreaterThan(0);
    });
  });

  describe('POST /api/credits/:client_id/adjustments (admins)', () => {
    it('refunds dollars and grants goodwill minutes, each with its reason in the ledger', async () => {
      const b = await registerTenant(t.http);
      await setAccount(t, b.clientId, { free_minutes_used: 100, balance: '1.00' });
      const refund = await t.http.post(`/api/credits/${b.clientId}/adjustments`).set(admin.auth).send({ kind: 'refund', amount: '3.50', reason: 'Dropped call billed twice' }).expect(201);
      expect(refund.body.entry).toMatchObject({ usage_type: 'adjustment', source: 'admin', credit: '3.50', balance_after: '4.50', reason: 'Refund: Dropped call billed twice' });
      const goodwill = await t.http
        .post(`/api/credits/${b.clientId}/adjustments`)
        .set(admin.auth)
        .send({ kind: 'goodwill_minutes', minutes: 30, reason: 'Outage on Nov 3', idempotency_key: 'ticket-4411' })
        .expect(201);
      expect(goodwill.body.entry).toMatchObject({ free_minutes_before: 0, free_minutes_after: 30 });
      const replay = await t.http
        .post(`/api/credits/${b.clientId}/adjustments`)
        .set(admin.auth)
        .send({ kind: 'goodwill_minutes', minutes: 30, reason: 'Outage on Nov 3', idempotency_key: 'ticket-4411' })
        .expect(201);
      expect(replay.body.duplicate).toBe(true);
      // The same key for something else is a mistake, not a replay: 409 naming the key, nothing applied.
      for (const other of [
        { kind: 'goodwill_minutes', minutes: 60, reason: 'Outage on Nov 3' },
        { kind: 'goodwill_minutes', minutes: 30, reason: 'Outage on Nov 4' },
        { kind: 'refund', amount: '30.00', reason: 'Outage on Nov 3' },
      ]) {
        const res = await t.http.post(`/api/credits/${b.clientId}/adjustments`).set(admin.auth).send({ ...other, idempotency_key: 'ticket-4411' }).expect(409);
        expect(res.body.error.fields).toEqual([{ field: 'idempotency_key', message: expect.stringContaining('different adjustment') }]);
      }
      expect((await t.http.get('/api/credits/balance').set(b.auth)).body).toMatchObject({ balance: '4.50', free_minutes: { left: 30 } });
    });

    it('is for platform admins only', async () => {
      await t.http.post(`/api/credits/${owner.clientId}/adjustments`).set(owner.auth).send({ kind: 'refund', amount: '3.50', reason: 'Self service' }).expect(403);
    });

    it.each([
      [{ kind: 'refund', reason: 'no amount' }, 'amount'],
      [{ kind: 'goodwill_minutes', minutes: 0, reason: 'zero' }, 'minutes'],
      [{ kind: 'refund', amount: '1.00', reason: 'nul \u0000 byte' }, 'reason'],
      [{ kind: 'refund', amount: '1.00', reason: 'lone \uD800 surrogate' }, 'reason'],
      [{ kind: 'refund', amount: '1.00', reason: 'x'.repeat(501) }, 'reason'],
      [{ kind: 'refund', amount: '1.00' }, 'reason'],
      [{ kind: 'steal', amount: '1.00', reason: 'nope' }, 'kind'],
      [{ kind: 'refund', amount: '1.00', reason: { nested: { deep: true } } }, 'reason'],
    ])('names the bad field: %j', async (body, field) => {
      const res = await t.http.post(`/api/credits/${owner.clientId}/adjustments`).set(admin.auth).send(body).expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it.each(['99999999999', 'abc', '-1', '0'])('404s for an out-of-range client id %s', async (id) => {
      await t.http.post(`/api/credits/${id}/adjustments`).set(admin.auth).send({ kind: 'refund', amount: '1.00', reason: 'ghost' }).expect(404);
    });

    it('404s for a client that does not exist', async () => {
      await t.http.post('/api/credits/99999/adjustments').set(admin.auth).send({ kind: 'refund', amount: '1.00', reason: 'ghost' }).expect(404);
    });
  });

  describe('hostile bodies', () => {
    it.each([
      ['a 200 kB body', () => t.http.post('/api/credits/test/add-credits').set(owner.auth).send({ amount: '1.00', pad: 'x'.repeat(200_000) }), 413],
      ['malformed JSON', () => t.http.post('/api/credits/test/add-credits').set(owner.auth).set('Content-Type', 'application/json').send('{"amount":'), 400],
      ['a form body', () => t.http.post('/api/credits/checkout').set(owner.auth).type('form').send('amount=20'), 400],
      ['text/plain', () => t.http.post('/api/credits/checkout').set(owner.auth).set('Content-Type', 'text/plain').send('20'), 400],
      ['deeply nested JSON', () => t.http.post('/api/credits/checkout').set(owner.auth).set('Content-Type', 'application/json').send(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`), 400],
      ['an array body', () => t.http.post('/api/credits/checkout').set(owner.auth).send([20]), 400],
    ])('%s is a 4xx, never a 5xx', async (_label, send, status) => {
      const res = await send();
      expect(res.status).toBe(status);
    });
  });

  describe('Stripe not configured', () => {
    it('checkout answers a clear 503', async () => {
      const res = await t.http.post('/api/credits/checkout').set(owner.auth).send({ amount: 20 }).expect(503);
      expect(res.body.error).toMatchObject({ code: 'service_unavailable', message: expect.stringContaining('Stripe is not configured') });
    });

    it('the webhook answers 404 (nothing can verify a sender) and credits nothing', async () => {
      await t.http.post('/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=abc').send('{}').expect(404);
    });
  });
});

describe('credit reloads through Stripe (the official SDK against a fake Stripe)', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  let owner: TestTenant;

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await startTestApp({ env: { STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.baseUrl } });
    owner = await registerTenant(t.http);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  const deliver = (payload: string, signature = stripeSignature(payload)) =>
    t.http.post('/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(payload);

  async function checkout(amount = 20): Promise<string> {
    const res = await t.http.post('/api/credits/checkout').set(owner.auth).send({ amount }).expect(201);
    return res.body.session_id;
  }

  it('creates a Checkout session for a pack, naming the business', async () => {
    const res = await t.http.post('/api/credits/checkout').set(owner.auth).send({ amount: 50 }).expect(201);
    expect(res.body).toEqual({ success: true, checkout_url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/), session_id: expect.stringMatching(/^cs_test_/) });
    const sent = stripe.requests.at(-1)!;
    expect(sent.form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][unit_amount]': '5000',
      'line_items[0][price_data][currency]': 'usd',
      client_reference_id: String(owner.clientId),
      'metadata[client_id]': String(owner.clientId),
    });
    expect(sent.headers['stripe-version']).toBeDefined();
  });

  it.each([[15], ['20'], [20.5], [null]])('refuses amount %j', async (amount) => {
    const res = await t.http.post('/api/credits/checkout').set(owner.auth).send({ amount }).expect(400);
    expect(res.body.error.fields[0].field).toBe('amount');
  });

  it('a Stripe failure is a 502 and nothing is charged', async () => {
    stripe.failNext(3);
    const res = await t.http.post('/api/credits/checkout').set(owner.auth).send({ amount: 10 }).expect(502);
    expect(res.body.error.code).toBe('upstream_failed');
  });

  it('a signed checkout.session.completed credits the balance once, however often it is delivered', async () => {
    const session = await checkout(20);
    const payload = stripe.completedEvent(session);
    const first = await deliver(payload).expect(200);
    expect(first.body).toMatchObject({ received: true, handled: true, credited: true });
    // The same event again, concurrently, and a second event for the same session: nothing more.
    const replays = await Promise.all([deliver(payload), deliver(payload), deliver(stripe.completedEvent(session))]);
    expect(replays.map((r) => [r.status, r.body.credited])).toEqual([
      [200, false],
      [200, false],
      [200, false],
    ]);
    expect(await account(t, owner.clientId)).toMatchObject({ balance: '20.00' });
    const credits = (await ledgerRows(t, owner.clientId)).filter((r) => r.usage_type === 'credit_purchase');
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ reference: session, source: 'stripe', credit_amount: '20.00', balance_before: '0.00', balance_after: '20.00' });
  });

  it('re-arms the low-balance text when a reload lifts the balance', async () => {
    await setAccount(t, owner.clientId, { low_balance_notified: true, balance: '1.00' });
    await deliver(stripe.completedEvent(await checkout(10))).expect(200);
    expect(await account(t, owner.clientId)).toMatchObject({ balance: '11.00', low_balance_notified: false });
  });

  it.each([
    ['a forged signature', (p: string) => stripeSignature(p, 'whsec_someoneelse0123')],
    ['a signature of another body', () => stripeSignature('{"id":"evt_other"}')],
    ['a stale signature', (p: string) => stripeSignature(p, FAKE_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600)],
    ['garbage', () => 'not-a-signature'],
  ])('refuses %s with 400 and credits nothing', async (_label, sign) => {
    const before = await account(t, owner.clientId);
    const payload = stripe.completedEvent(await checkout(100));
    const res = await deliver(payload, sign(payload)).expect(400);
    expect(res.body.error.fields[0].field).toBe('Stripe-Signature');
    expect(await account(t, owner.clientId)).toEqual(before);
  });

  it('refuses an unsigned event', async () => {
    await t.http.post('/stripe/webhook').set('Content-Type', 'application/json').send(stripe.completedEvent(await checkout(10))).expect(400);
  });

  it('acknowledges and ignores events it does not handle, and unpaid sessions', async () => {
    const before = await account(t, owner.clientId);
    const other = JSON.stringify({ id: 'evt_x', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
    expect((await deliver(other).expect(200)).body).toMatchObject({ received: true, handled: false });
    const unpaid = stripe.completedEvent(await checkout(10), { payment_status: 'unpaid' });
    expect((await deliver(unpaid).expect(200)).body).toMatchObject({ handled: false });
    expect(await account(t, owner.clientId)).toEqual(before);
  });

  it('acknowledges a paid session for a client that does not exist, crediting nothing', async () => {
    const session = await checkout(10);
    const payload = stripe.completedEvent(session, { metadata: { client_id: '99999' }, client_reference_id: '99999' });
    expect((await deliver(payload).expect(200)).body).toMatchObject({ handled: false });
  });

  it('a non-JSON or oversized webhook body is a 4xx', async () => {
    expect((await t.http.post('/stripe/webhook').type('form').set('Stripe-Signature', 't=1,v1=x').send('a=1')).status).toBe(400);
    expect((await t.http.post('/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=x').send(`{"p":"${'x'.repeat(200_000)}"}`)).status).toBe(413);
  });
});
