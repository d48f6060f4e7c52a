import { CallSession } from '../../scripts/call/call-session';
import { eventually } from './eventually';
import type { TestApp } from './test-app';
import { registerTenant, type TestTenant } from './tenants';

export const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

/** A caller phoning a Rachel number of the test app, through signed webhooks (see CallSession). */
export function phoneCall(t: TestApp, to: string, from = '+13105550199'): CallSession {
  return new CallSession({
    webhookBase: PUBLIC_BASE,
    authToken: t.config.webhookSigningToken,
    to,
    from,
    post: async (url, params, signature) => {
      if (!url.startsWith(PUBLIC_BASE)) throw new Error(`TwiML points outside the public base: ${url}`);
      const res = await t.http.post(url.slice(PUBLIC_BASE.length)).type('form').set('X-Twilio-Signature', signature).send(params);
      return { status: res.status, body: res.text };
    },
  });
}

/**
 * A business with Rachel on its provisioned number whose free minutes are spent and whose prepaid
 * balance is $5.00, so every call minute is charged: what the billing-path call specs start from.
 */
export async function paidRachelBusiness(t: TestApp): Promise<{ tenant: TestTenant; rachelNumber: string }> {
  const tenant = await registerTenant(t.http, { business_name: 'Harbor Physio', owner_phone: '+12125550177' });
  const rachelNumber: string = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  await t.dataSource.query(`UPDATE credit_accounts SET free_minutes_used = 100, balance = '5.00' WHERE client_id = $1`, [tenant.clientId]);
  return { tenant, rachelNumber };
}
