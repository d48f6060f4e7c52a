import { Body, Controller, Headers, Query } from '@nestjs/common';
import { SuccessEnvelopeInterceptor } from '@ringlypro/core';
import { TwilioSignatureGuard, TwilioWebhook, TwilioWebhookLane } from '@ringlypro/telephony';
import { twilioSignature } from '../fakes/twilio-signing';
import { eventually } from '../support/eventually';
import { registerTenant, type TestTenant } from '../support/tenants';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';

/**
 * Issue 12: Twilio's webhooks are served by the TwilioWebhookLane, ahead of Nest's per-request
 * pipeline, with the same request check, the same controller methods and the same error answers.
 */
describe('Twilio webhook lane', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachel: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http);
    rachel = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const callParams = (sid: string) => ({ AccountSid: 'AC' + '0'.repeat(32), CallSid: sid, From: '+13105550199', To: rachel, CallStatus: 'ringing', Direction: 'inbound' });
  const sign = (path: string, params: Record<string, string>) => twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}${path}`, params);

  it('serves every @TwilioWebhook route of the app, and only those', () => {
    const paths = t.app.get(TwilioWebhookLane).routes().map((r) => r.path).sort();
    expect(paths).toEqual([
      '/sms/status',
      '/sms/webhook',
      '/voice/forward-to-owner/:client_id',
      '/voice/forward-to-owner/:client_id/completed',
      '/voice/rachel/turn',
      '/voice/relay/ended',
      '/voice/status',
      '/voice/voicemail/:client_id/done',
      '/voice/voicemail/:client_id/recorded',
      '/voice/webhook/voice',
    ]);
  });

  it("answers a signed greeting with the handler's TwiML, without Nest's guards and interceptors, keeping the middleware's headers", async () => {
    const guard = jest.spyOn(TwilioSignatureGuard.prototype, 'canActivate');
    const envelope = jest.spyOn(SuccessEnvelopeInterceptor.prototype, 'intercept');
    const params = callParams('CA' + '1'.repeat(32));
    const res = await t.http.post('/voice/webhook/voice').type('form').set('X-Twilio-Signature', sign('/voice/webhook/voice', params)).send(params).expect(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(guard).not.toHaveBeenCalled();
    expect(envelope).not.toHaveBeenCalled();
    expect(await t.dataSource.query(`SELECT client_id FROM calls WHERE twilio_call_sid = $1`, [params.CallSid])).toEqual([{ client_id: tenant.clientId }]);
  });

  it('passes the query and path parameters the handlers read', async () => {
    const path = `/voice/forward-to-owner/${tenant.clientId}`;
    const params = callParams('CA' + '2'.repeat(32));
    const res = await t.http.post(path).type('form').set('X-Twilio-Signature', sign(path, params)).send(params).expect(200);
    expect(res.text).toContain('<Dial');
    // A turn of a call Rachel never greeted: the owner takes it (the handler read ?turn= and the body).
    const turn = '/voice/rachel/turn?turn=1';
    const turnParams = { ...callParams('CA' + '3'.repeat(32)), SpeechResult: 'hello' };
    expect((await t.http.post(turn).type('form').set('X-Twilio-Signature', sign(turn, turnParams)).send(turnParams).expect(200)).text).toContain('<Dial');
  });

  it("refuses what the check refuses with the API's error envelope and the request id", async () => {
    const params = callParams('CA' + '4'.repeat(32));
    const cases = [
      { send: () => t.http.post('/voice/status').type('form').send(params), status: 403, code: 'forbidden', message: 'Missing X-Twilio-Signature' },
      { send: () => t.http.post('/voice/status').type('form').set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl').send(params), status: 403, code: 'forbidden', message: 'Invalid X-Twilio-Signature' },
      { send: () => t.http.post('/sms/webhook').set('X-Twilio-Signature', sign('/sms/webhook', {})).send(params), status: 415, code: 'unsupported_media_type', message: /form-urlencoded/ },
      { send: () => t.http.post('/voice/status?x=1&x=2').type('form').set('X-Twilio-Signature', sign('/voice/status?x=1&x=2', params)).send(params), status: 400, code: 'bad_request', message: /query parameter x/ },
    ];
    for (const c of cases) {
      const res = await c.send();
      expect(res.status).toBe(c.status);
      expect(res.body).toMatchObject({ success: false, error: { code: c.code, message: expect.stringMatching(c.message) }, request_id: res.headers['x-request-id'] });
    }
    expect(await t.dataSource.query(`SELECT id FROM calls WHERE twilio_call_sid = $1`, [params.CallSid])).toEqual([]);
  });

  it('leaves other methods on webhook paths to Nest (404, as before)', async () => {
    await t.http.get('/voice/webhook/voice').expect(404);
  });

  it('refuses, when mounted, a webhook handler reading an argument it cannot supply', () => {
    @Controller('voice')
    class HeaderReading {
      @TwilioWebhook('odd', 'reads a header')
      odd(@Headers('x-twilio-signature') signature: string, @Body() body: unknown, @Query('q') q: string): string {
        return `${signature}${String(body)}${q}`;
      }
    }
    const lane = t.app.get(TwilioWebhookLane);
    const discovery = (lane as unknown as { discovery: { getControllers(): unknown[] } }).discovery;
    jest.spyOn(discovery, 'getControllers').mockReturnValue([{ instance: new HeaderReading(), metatype: HeaderReading }]);
    expect(() => lane.routes()).toThrow(/\/voice\/odd reads an argument the lane cannot supply/);
  });
});
