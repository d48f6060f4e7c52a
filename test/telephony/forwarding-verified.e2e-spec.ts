import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

describe('statuses that say one thing each: number_status, rachel_enabled, forwarding_verified', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_phone: '(415) 555-0123' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  function signedPost(path: string, params: Record<string, string>) {
    return t.http.post(path).type('form').send(params).set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}${path}`, params));
  }
  const status = async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth).expect(200)).body;
  const call = (sid: string, extra: Record<string, string>) => ({ CallSid: sid, From: '+13105550199', To: rachelNumber, CallStatus: 'ringing', Direction: 'inbound', ...extra });

  it('a new number is active with Rachel on, and forwarding not yet seen working', async () => {
    expect(await status()).toMatchObject({
      client_id: tenant.clientId,
      number_status: 'active',
      rachel_enabled: true,
      forwarding_verified: false,
      forwarding_verified_at: null,
      forwarding_status: 'active',
    });
  });

  it('a call forwarded from another number does not verify forwarding', async () => {
    await signedPost(`/voice/forward-to-owner/${tenant.clientId}`, call('CA' + 'a'.repeat(32), { ForwardedFrom: '+14155559999' })).expect(200);
    expect((await status()).forwarding_verified).toBe(false);
  });

  it('a call whose ForwardedFrom is the business phone records that forwarding works, once', async () => {
    await signedPost(`/voice/forward-to-owner/${tenant.clientId}`, call('CA' + 'b'.repeat(32), { ForwardedFrom: '+14155550123' })).expect(200);
    const first = await status();
    expect(first).toMatchObject({ forwarding_verified: true, forwarding_verified_at: expect.any(String) });
    await signedPost('/voice/status', call('CA' + 'c'.repeat(32), { CalledVia: '+14155550123', CallStatus: 'completed' })).expect(200);
    expect((await status()).forwarding_verified_at).toBe(first.forwarding_verified_at);
  });

  it('CalledVia in a national format is recognised too (status callback path)', async () => {
    const other = await registerTenant(t.http, { business_phone: '(415) 555-0177' });
    const number = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${other.clientId}`).set(other.auth)).body.ringlypro_number, 'provisioning');
    await signedPost('/voice/status', { ...call('CA' + 'd'.repeat(32), { CalledVia: '4155550177', CallStatus: 'completed' }), To: number }).expect(200);
    expect((await t.http.get(`/api/client/rachel-status/${other.clientId}`).set(other.auth)).body.forwarding_verified).toBe(true);
    // The first tenant's row is untouched by the other's call.
    expect((await status()).client_id).toBe(tenant.clientId);
  });

  it("forwarding_status is derived from number_status and rachel_enabled, whatever writes the row", async () => {
    const derived = async (numberStatus: string, rachel: boolean) => {
      await t.dataSource.query(`UPDATE clients SET number_status = $2, rachel_enabled = $3, forwarding_status = 'pending' WHERE id = $1`, [tenant.clientId, numberStatus, rachel]);
      return (await t.dataSource.query(`SELECT forwarding_status FROM clients WHERE id = $1`, [tenant.clientId]))[0].forwarding_status;
    };
    try {
      expect(await derived('active', true)).toBe('active');
      expect(await derived('active', false)).toBe('inactive');
      expect(await derived('pending', true)).toBe('pending');
      expect(await derived('failed', true)).toBe('failed');
      expect(await derived('released', true)).toBe('inactive');
    } finally {
      await derived('active', true);
    }
  });

  it('refuses a number_status outside the four', async () => {
    await expect(t.dataSource.query(`UPDATE clients SET number_status = 'inactive' WHERE id = $1`, [tenant.clientId])).rejects.toThrow(/clients_number_status_valid/);
  });
});
