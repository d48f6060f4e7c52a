import { ReloadLinks } from '@ringlypro/billing';
import { FixedClock } from '@ringlypro/core';
import { lowBalanceText } from '../../libs/messaging/src/outbound/message-templates';
import { FakeStripe, FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from '../fakes/fake-stripe.server';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';
import { billingPorts, callSid, setAccount } from './billing-fixtures';

const BASE = 'https://app.ringlypro.example.com';

/**
 * The link in an owner's billing texts is a real page: the balance and one button per credit pack,
 * each a Stripe Checkout for that business only. The link is signed and ages out; an altered or
 * expired one gets a page saying so.
 */
describe('the add-credit link in owner texts', () => {
  let t: TestApp;
  let stripe: FakeStripe;
  const clock = new FixedClock(new Date('2026-11-10T15:00:00Z'));

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    t = await startTestApp({ clock, env: { BASE_URL: BASE, STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE_URL: stripe.baseUrl } });
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
  });

  /** A business whose credit ran out: its owner is texted that Rachel is paused, with the link. */
  async function pausedBusiness(name: string): Promise<{ clientId: number; link: string }> {
    const tenant = await registerTenant(t.http, { business_name: name, owner_phone: '+12125550142' });
    await setAccount(t, tenant.clientId, { balance: '0.09', free_minutes_used: 100, low_balance_notified: true });
    expect(await billingPorts(t, tenant.clientId).admit(callSid())).toMatchObject({ admitted: false });
    const body = await eventually(async () => (await t.dataSource.query(`SELECT body FROM messages WHERE client_id = $1 AND purpose = 'billing'`, [tenant.clientId]))[0]?.body as string | undefined, 'paused text');
    const link = /https:\/\/\S+/.exec(body)?.[0];
    expect(link).toMatch(new RegExp(`^${BASE}/billing/reload\\?c=${tenant.clientId}&e=\\d+&s=[A-Za-z0-9_-]{43}$`));
    return { clientId: tenant.clientId, link: link!.slice(BASE.length) };
  }

  it('opens a page with the balance and the packs; a pack starts a Stripe Checkout for that business', async () => {
    const { clientId, link } = await pausedBusiness('Bella <Salon> & Spa');
    const page = await t.http.get(link).expect(200).expect('Content-Type', /text\/html/);
    expect(page.text).toContain('Bella &lt;Salon&gt; &amp; Spa');
    expect(page.text).toContain('Credit balance: <strong>$0.09</strong>');
    expect(page.text).toContain('Rachel is paused');
    const packs = [...page.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(packs).toHaveLength(4);
    const checkout = await t.http.get(packs.find((href) => href.endsWith('amount=50'))!).expect(303);
    expect(checkout.headers.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const session = [...stripe.sessions.values()].at(-1)!;
    expect(session).toMatchObject({ client_reference_id: String(clientId), amount_total: 5000, success_url: expect.stringContaining(`${BASE}/billing?checkout=success`) });
    // Tapped again (or followed by a link scanner): the same Checkout, not another Stripe session.
    const sessions = stripe.sessions.size;
    expect((await t.http.get(packs.find((href) => href.endsWith('amount=50'))!).expect(303)).headers.location).toBe(checkout.headers.location);
    expect(stripe.sessions.size).toBe(sessions);
    // Another pack is another Checkout; half an hour later the pack starts a fresh one.
    expect((await t.http.get(packs.find((href) => href.endsWith('amount=20'))!).expect(303)).headers.location).not.toBe(checkout.headers.location);
    clock.advance(31 * 60_000);
    try {
      expect((await t.http.get(packs.find((href) => href.endsWith('amount=50'))!).expect(303)).headers.location).not.toBe(checkout.headers.location);
    } finally {
      clock.advance(-31 * 60_000);
    }
    // Where Stripe sends the owner back.
    expect((await t.http.get('/billing?checkout=success').expect(200)).text).toContain('Your payment went through');
    expect((await t.http.get('/billing?checkout=cancelled').expect(200)).text).toContain('Nothing was charged');
  });

  it('refuses a link that was altered, cut short or pointed at another business, and one that has expired', async () => {
    const a = await pausedBusiness('Shop A');
    const b = await pausedBusiness('Shop B');
    const other = a.link.replace(`c=${a.clientId}`, `c=${b.clientId}`);
    const flipped = a.link.replace(/s=(.)/, (_m, c: string) => `s=${c === 'A' ? 'B' : 'A'}`);
    for (const bad of [other, flipped, a.link.replace(/&s=.*/, ''), '/billing/reload', '/billing/reload?c=0x1&e=1&s=1', '/billing/reload?c[]=1', '/billing']) {
      const res = await t.http.get(bad);
      expect([bad, res.status]).toEqual([bad, 404]);
      expect(res.text).toContain('Link not recognised');
    }
    await t.http.get(`${other.replace('/reload?', '/reload/checkout?')}&amount=20`).expect(404);
    await t.http.get(`${a.link.replace('/reload?', '/reload/checkout?')}&amount=15`).expect(400);
    clock.advance(15 * 86_400_000);
    try {
      expect((await t.http.get(a.link).expect(410)).text).toContain('This link has expired');
      await t.http.get(`${a.link.replace('/reload?', '/reload/checkout?')}&amount=20`).expect(410);
    } finally {
      clock.advance(-15 * 86_400_000);
    }
  });

  it('writes a negative balance the way people read money', () => {
    expect(lowBalanceText('Shop', '-2.10', 'https://x')).toContain('balance is -$2.10 ');
    expect(lowBalanceText('Shop', '4.90', 'https://x')).toContain('balance is $4.90 ');
  });
});

describe('the add-credit link on a server without card payments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { BASE_URL: BASE } });
  });
  afterAll(() => t.close());

  it('shows the balance and says card payments are not set up; no checkout starts', async () => {
    const tenant = await registerTenant(t.http, { business_name: 'Cash Only Cuts' });
    await setAccount(t, tenant.clientId, { balance: '1.20' });
    const link = t.app.get(ReloadLinks).linkFor(tenant.clientId).slice(BASE.length);
    const page = await t.http.get(link).expect(200);
    expect(page.text).toContain('Credit balance: <strong>$1.20</strong>');
    expect(page.text).toContain('Card payments are not set up');
    expect(page.text).not.toContain('/billing/reload/checkout');
    await t.http.get(`${link.replace('/reload?', '/reload/checkout?')}&amount=20`).expect(404);
  });
});
