import { XMLParser, XMLValidator } from 'fast-xml-parser';
import twilio from 'twilio';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant } from '../support/tenants';

/** Every attribute and text of a TwiML document, read back by a real XML parser (entities decoded). */
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: true });

/**
 * The TwiML templates and the one-HMAC signature check, attacked through the real app: a business
 * name and caller words full of XML specials must still give well-formed TwiML that says them back
 * exactly, and Twilio's port variant of the signed URL must still pass while a forgery does not.
 */
describe('Twilio webhooks under hostile names, words and signatures', () => {
  const NAME = `O'Brien & <Sons> "Dental"`;
  let t: TestApp;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    const tenant = await registerTenant(t.http, { business_name: NAME, owner_phone: '+12125550142' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  it("greets with well-formed TwiML that carries the business's name exactly in the speech hints", async () => {
    const call = phoneCall(t, rachelNumber);
    const greeting = await call.dial();
    expect(XMLValidator.validate(greeting.twiml)).toBe(true);
    expect(greeting.twiml).toContain(`hints="O'Brien &amp; &lt;Sons> &quot;Dental&quot;, appointment`);
    const gather = (parser.parse(greeting.twiml) as { Response: { Gather: { '@hints': string } } }).Response.Gather;
    expect(gather['@hints'].startsWith(`${NAME}, appointment`)).toBe(true);
  });

  it('answers a turn of quotes, ampersands, angle brackets, emoji and a lone surrogate with well-formed TwiML', async () => {
    const call = phoneCall(t, rachelNumber);
    await call.dial();
    const step = await call.say('what are your hours? & <b>"now"</b> 😀 \ud800 ]]>');
    expect(XMLValidator.validate(step.twiml)).toBe(true);
    expect(step.status).toBe('listening');
    expect(step.lines.join(' ')).toMatch(/\S/);
  });

  it("accepts a greeting signed over Twilio's :443 variant of the URL, and refuses a forged one with 403", async () => {
    const params = { AccountSid: 'AC00000000000000000000000000000000', CallSid: `CA${'7'.repeat(32)}`, From: '+13105550199', To: rachelNumber, CallStatus: 'ringing', Direction: 'inbound' };
    const withPort = PUBLIC_BASE.replace('.com', '.com:443');
    const ok = await t.http
      .post('/voice/webhook/voice')
      .type('form')
      .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(t.config.webhookSigningToken, `${withPort}/voice/webhook/voice`, params))
      .send(params)
      .expect(200);
    expect(XMLValidator.validate(ok.text)).toBe(true);
    const forged = twilio.getExpectedTwilioSignature('not-the-token', `${PUBLIC_BASE}/voice/webhook/voice`, { ...params, CallSid: `CA${'8'.repeat(32)}` });
    await t.http.post('/voice/webhook/voice').type('form').set('X-Twilio-Signature', forged).send({ ...params, CallSid: `CA${'8'.repeat(32)}` }).expect(403);
    const rows = await t.dataSource.query(`SELECT twilio_call_sid FROM calls WHERE twilio_call_sid IN ($1, $2)`, [`CA${'7'.repeat(32)}`, `CA${'8'.repeat(32)}`]);
    expect(rows).toEqual([{ twilio_call_sid: `CA${'7'.repeat(32)}` }]);
  });
});
