import { twilioSignature } from '../fakes/twilio-signing';
import { eventually } from '../support/eventually';
import { registerTenant, type TestTenant } from '../support/tenants';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

/** Issue 11, lower item: webhooks take only Twilio's own form encoding, each parameter once. */
describe('Twilio webhooks: form-encoded only, no repeated parameters', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachel: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http);
    rachel = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  const callParams = (sid: string) => ({ AccountSid: 'AC' + '0'.repeat(32), CallSid: sid, From: '+13105550199', To: rachel, CallStatus: 'ringing', Direction: 'inbound' });
  const sign = (path: string, params: Record<string, string>) => twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}${path}`, params);
  const callRows = (sid: string) => t.dataSource.query(`SELECT id FROM calls WHERE twilio_call_sid = $1`, [sid]);
  const WEBHOOKS = ['/voice/webhook/voice', '/voice/status', '/sms/webhook', '/sms/status'];

  it('refuses a JSON body signed over the URL alone with 415, and creates no call', async () => {
    const sid = 'CA' + '7'.repeat(32);
    for (const path of WEBHOOKS) {
      // The attack in the report: the signature of the URL with no parameters, the payload as JSON.
      const res = await t.http.post(path).set('X-Twilio-Signature', sign(path, {})).set('Content-Type', 'application/json').send(JSON.stringify(callParams(sid))).expect(415);
      expect(res.body).toMatchObject({ success: false, error: { code: 'unsupported_media_type', message: 'Twilio webhooks must be sent as application/x-www-form-urlencoded' } });
    }
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      await t.http.post('/voice/webhook/voice').set('X-Twilio-Signature', sign('/voice/webhook/voice', {})).set('Content-Type', type).send('CallSid=x').expect(415);
    }
    expect(await callRows(sid)).toEqual([]);
  });

  it('refuses a parameter sent twice with 400 and processes nothing', async () => {
    const sid = 'CA' + '8'.repeat(32);
    const params = callParams(sid);
    const form = `${new URLSearchParams(params).toString()}&To=${encodeURIComponent('+15555550100')}`;
    const res = await t.http.post('/voice/webhook/voice').set('X-Twilio-Signature', sign('/voice/webhook/voice', params)).type('form').send(form).expect(400);
    expect(res.body.error.message).toBe('The body parameter To was sent more than once');
    await t.http.post('/voice/webhook/voice?a=1&a=2').set('X-Twilio-Signature', sign('/voice/webhook/voice?a=1&a=2', params)).type('form').send(params).expect(400);
    expect(await callRows(sid)).toEqual([]);
  });

  it('still answers a genuine form-encoded, signed request with TwiML and logs the call', async () => {
    const sid = 'CA' + '9'.repeat(32);
    const res = await t.http.post('/voice/webhook/voice').set('X-Twilio-Signature', sign('/voice/webhook/voice', callParams(sid))).type('form').send(callParams(sid)).expect(200);
    expect(res.text).toContain('<Response>');
    await eventually(async () => (await callRows(sid)).length === 1, 'call logged');
  });
});
