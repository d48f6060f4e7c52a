import { XMLParser } from 'fast-xml-parser';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false });

describe('Twilio voice webhooks (signed, always TwiML)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;
  let ownerPhone: string;

  beforeAll(async () => {
    // No Twilio account: the simulator provisions, and webhooks are signed with its token.
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { owner_phone: '(212) 555-0142' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    ownerPhone = '+12125550142';
  });
  afterAll(() => t.close());

  /** POSTs form params to a webhook path, signed as Twilio would sign them for WEBHOOK_BASE_URL + path. */
  function signedPost(path: string, params: Record<string, string>, options: { signAs?: { url?: string; params?: Record<string, string> }; unsigned?: boolean } = {}) {
    const signature = twilioSignature(t.config.webhookSigningToken, options.signAs?.url ?? `${PUBLIC_BASE}${path}`, options.signAs?.params ?? params);
    const req = t.http.post(path).type('form').send(params);
    return options.unsigned ? req : req.set('X-Twilio-Signature', signature);
  }

  const callParams = (sid: string, extra: Record<string, string> = {}) => ({
    AccountSid: 'AC00000000000000000000000000000000',
    CallSid: sid,
    From: '+13105550199',
    To: rachelNumber,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ...extra,
  });
  const callRows = (sid: string) => t.dataSource.query(`SELECT client_id, status, duration, from_number, to_number FROM calls WHERE twilio_call_sid = $1`, [sid]);

  describe('signature check', () => {
    const path = () => `/voice/forward-to-owner/${tenant.clientId}`;

    it('accepts a request signed as Twilio signs it and answers TwiML', async () => {
      const res = await signedPost(path(), callParams('CA' + '1'.repeat(32))).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(xml.parse(res.text).Response).toBeDefined();
    });

    it.each([
      ['unsigned', { unsigned: true }],
      ['a tampered parameter', { signAs: { params: { ...callParams('CA' + '2'.repeat(32)), From: '+19995550000' } } }],
      ['signed for another URL', { signAs: { url: `${PUBLIC_BASE}/voice/forward-to-owner/999` } }],
      ['signed for the internal http URL', { signAs: { url: `http://localhost:3000/voice/forward-to-owner/1` } }],
    ])('refuses a request %s with 403 and processes nothing', async (_label, options) => {
      const sid = 'CA' + '2'.repeat(32);
      const res = await signedPost(path(), callParams(sid), options as never).expect(403);
      expect(res.body).toMatchObject({ success: false, error: { code: 'forbidden' } });
      expect(await callRows(sid)).toEqual([]);
    });
  });

  describe('forward to owner (Rachel off)', () => {
    it("dials the owner's phone with the caller's number shown, and logs the call once", async () => {
      const sid = 'CA' + '3'.repeat(32);
      const first = await signedPost(`/voice/forward-to-owner/${tenant.clientId}`, callParams(sid)).expect(200);
      await signedPost(`/voice/forward-to-owner/${tenant.clientId}`, callParams(sid)).expect(200);
      const dial = xml.parse(first.text).Response.Dial;
      expect(dial.Number).toBe(ownerPhone);
      expect(dial).toMatchObject({
        '@callerId': '+13105550199',
        '@answerOnBridge': 'true',
        '@timeout': '20',
        '@action': `${PUBLIC_BASE}/voice/forward-to-owner/${tenant.clientId}/completed`,
        '@method': 'POST',
      });
      expect(await callRows(sid)).toEqual([{ client_id: tenant.clientId, status: 'ringing', duration: null, from_number: '+13105550199', to_number: rachelNumber }]);
    });

    it.each([['no-answer'], ['busy'], ['failed']])('offers a voicemail when the owner’s line ends %s, and just hangs up after a conversation', async (dialStatus) => {
      const sid = 'CA' + '4'.repeat(32);
      const missed = await signedPost(`/voice/forward-to-owner/${tenant.clientId}/completed`, callParams(sid, { DialCallStatus: dialStatus })).expect(200);
      const parsed = xml.parse(missed.text).Response;
      expect(parsed.Say['#text'] ?? parsed.Say).toMatch(/nobody .* could take your call right now\. Please leave a message after the tone/);
      expect(parsed.Record).toMatchObject({
        '@action': `${PUBLIC_BASE}/voice/voicemail/${tenant.clientId}/done`,
        '@recordingStatusCallback': `${PUBLIC_BASE}/voice/voicemail/${tenant.clientId}/recorded`,
        '@recordingStatusCallbackEvent': 'completed',
        '@maxLength': '120',
        '@playBeep': 'true',
      });
      expect(parsed).toHaveProperty('Hangup');
      const talked = await signedPost(`/voice/forward-to-owner/${tenant.clientId}/completed`, callParams(sid, { DialCallStatus: 'completed' })).expect(200);
      expect(xml.parse(talked.text).Response).toEqual({ Hangup: '' });
    });

    it('keeps a voicemail on the call and texts the owner the caller’s number and the link; a repeated callback texts once', async () => {
      const sid = 'CA' + 'a'.repeat(32);
      await signedPost(`/voice/forward-to-owner/${tenant.clientId}`, callParams(sid)).expect(200);
      await signedPost(`/voice/forward-to-owner/${tenant.clientId}/completed`, callParams(sid, { DialCallStatus: 'busy' })).expect(200);
      const recording = {
        AccountSid: 'AC00000000000000000000000000000000',
        CallSid: sid,
        RecordingSid: 'RE' + 'b'.repeat(32),
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE' + 'b'.repeat(32),
        RecordingStatus: 'completed',
        RecordingDuration: '17',
      };
      await signedPost(`/voice/voicemail/${tenant.clientId}/recorded`, recording).expect(200);
      await signedPost(`/voice/voicemail/${tenant.clientId}/recorded`, recording).expect(200);
      const [call] = await t.dataSource.query(`SELECT outcome, recording_sid, recording_url, recording_duration FROM calls WHERE twilio_call_sid = $1`, [sid]);
      expect(call).toEqual({ outcome: 'voicemail', recording_sid: recording.RecordingSid, recording_url: recording.RecordingUrl, recording_duration: 17 });
      const texts = await eventually(async () => {
        const rows = await t.dataSource.query(`SELECT to_number, body, status FROM messages WHERE purpose = 'owner_alert' AND body LIKE '%RE${'b'.repeat(32)}%'`);
        return rows.length > 0 && rows.every((r: { status: string }) => r.status !== 'queued') ? rows : null;
      }, 'owner text');
      expect(texts).toEqual([{ to_number: ownerPhone, status: expect.any(String), body: expect.stringMatching(/^RinglyPro: missed call from \+13105550199, .*Voicemail \(17s\): https:\/\/api\.twilio\.com\/.*\.mp3$/) }]);
      const thanks = await signedPost(`/voice/voicemail/${tenant.clientId}/done`, callParams(sid)).expect(200);
      expect(xml.parse(thanks.text).Response).toHaveProperty('Hangup');
    });

    it.each([
      ['an unknown client', '999999', {}],
      ['a malformed RecordingSid', null, { RecordingSid: 'nope' }],
      ['a non-https RecordingUrl', null, { RecordingUrl: 'http://evil.example/x' }],
    ])('ignores a recording callback with %s, still answering 200', async (_label, clientId, extra) => {
      const sid = 'CA' + 'c'.repeat(32);
      const params = { CallSid: sid, RecordingSid: 'RE' + 'd'.repeat(32), RecordingUrl: 'https://api.twilio.com/r/RE1', RecordingStatus: 'completed', ...extra };
      await signedPost(`/voice/voicemail/${clientId ?? tenant.clientId}/recorded`, params).expect(200);
      expect(await t.dataSource.query(`SELECT 1 FROM calls WHERE recording_sid IS NOT NULL AND twilio_call_sid = $1`, [sid])).toEqual([]);
    });

    it.each([['999999'], ['not-a-client']])('answers an unknown client (%s) politely with a hang-up, never an HTTP error', async (id) => {
      const res = await signedPost(`/voice/forward-to-owner/${id}`, callParams('CA' + '5'.repeat(32))).expect(200);
      const parsed = xml.parse(res.text).Response;
      expect(parsed).toHaveProperty('Say');
      expect(parsed).toHaveProperty('Hangup');
    });

    it('answers an inactive client politely with a hang-up', async () => {
      const inactive = await registerTenant(t.http);
      await t.dataSource.query(`UPDATE clients SET active = FALSE WHERE id = $1`, [inactive.clientId]);
      const res = await signedPost(`/voice/forward-to-owner/${inactive.clientId}`, callParams('CA' + '6'.repeat(32))).expect(200);
      expect(xml.parse(res.text).Response).toHaveProperty('Hangup');
      expect(xml.parse(res.text).Response).not.toHaveProperty('Dial');
    });
  });

  describe('call status callback', () => {
    const status = (sid: string, callStatus: string, extra: Record<string, string> = {}) =>
      signedPost('/voice/status', callParams(sid, { CallStatus: callStatus, ...extra })).expect(200);

    it('moves a call forward through its statuses and records the duration when it ends', async () => {
      const sid = 'CA' + '7'.repeat(32);
      await status(sid, 'ringing');
      await status(sid, 'in-progress');
      await status(sid, 'completed', { CallDuration: '95' });
      expect(await callRows(sid)).toEqual([expect.objectContaining({ status: 'completed', duration: 95 })]);
    });

    it('is idempotent, and a late callback never moves a completed call back', async () => {
      const sid = 'CA' + '8'.repeat(32);
      await status(sid, 'completed', { CallDuration: '42' });
      await status(sid, 'completed', { CallDuration: '42' });
      await status(sid, 'ringing');
      await status(sid, 'in-progress');
      expect(await callRows(sid)).toEqual([expect.objectContaining({ status: 'completed', duration: 42 })]);
    });

    it('ignores a callback for a number that is not ours, still answering 200', async () => {
      const sid = 'CA' + '9'.repeat(32);
      await signedPost('/voice/status', callParams(sid, { To: '+19995550123', CallStatus: 'completed' })).expect(200);
      expect(await callRows(sid)).toEqual([]);
    });
  });

  describe('call forwarding setup', () => {
    it('lists the nine carriers without a login', async () => {
      const res = await t.http.get('/api/call-forwarding/carriers').expect(200);
      expect(res.body.carriers).toHaveLength(9);
      expect(res.body.carriers[0]).toEqual({ id: 'att', name: 'AT&T' });
    });

    it("gives the codes for the client's own Rachel number", async () => {
      const res = await t.http.get(`/api/call-forwarding/setup/tmobile/${tenant.clientId}`).set(tenant.auth).expect(200);
      expect(res.body).toMatchObject({ forward_to: rachelNumber, activation_code: `**61*${rachelNumber.slice(1)}#`, deactivation_code: '##61#', check_code: '*#61#' });
      expect(res.body.instructions.length).toBeGreaterThan(3);
    });

    it('answers an unknown carrier with 404 listing the valid ids', async () => {
      const res = await t.http.get(`/api/call-forwarding/setup/vodafone/${tenant.clientId}`).set(tenant.auth).expect(404);
      expect(res.body.error.message).toMatch(/att, verizon, tmobile, sprint, uscellular, boost, metro, visible, cricket/);
    });

    it('answers 409 before the client has a Rachel number', async () => {
      const waiting = await registerTenant(t.http);
      // Let the queued provisioning finish first, or it could land after the reset below.
      await eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [waiting.clientId]))[0].ringlypro_number, 'provisioning');
      await t.dataSource.query(`UPDATE clients SET ringlypro_number = NULL, twilio_number_sid = NULL, number_status = 'pending' WHERE id = $1`, [waiting.clientId]);
      await t.http.get(`/api/call-forwarding/setup/att/${waiting.clientId}`).set(waiting.auth).expect(409);
    });
  });
});

describe('Rachel answering a call (Rachel on)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;
  const parse = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false });

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { owner_phone: '(212) 555-0143', business_name: 'Acme Plumbing' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ custom_greeting: 'Thanks for calling Acme Plumbing!' }).expect(200);
  });
  afterAll(() => t.close());

  const call = (to: string, sid: string) => {
    const params = { AccountSid: 'AC00000000000000000000000000000000', CallSid: sid, From: '+13105550177', To: to, CallStatus: 'ringing' };
    return t.http.post('/voice/webhook/voice').type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/webhook/voice`, params)).send(params).expect(200);
  };

  it('identifies the business by the dialed number, greets with its greeting and listens (the conversation is in test/voice)', async () => {
    const res = await call(rachelNumber, 'CA' + 'b'.repeat(32));
    const twiml = parse.parse(res.text).Response;
    expect(twiml.Gather.Say.map((say: { '#text': string }) => say['#text'])).toEqual(['Thanks for calling Acme Plumbing!', 'How can I help you today?']);
    expect(twiml.Gather).toMatchObject({ '@input': 'speech', '@action': `${PUBLIC_BASE}/voice/rachel/turn?turn=1` });
    expect(twiml).not.toHaveProperty('Dial');
    const rows = await t.dataSource.query(`SELECT client_id, direction FROM calls WHERE twilio_call_sid = $1`, ['CA' + 'b'.repeat(32)]);
    expect(rows).toEqual([{ client_id: tenant.clientId, direction: 'inbound' }]);
  });

  it('answers a number that is not ours with a polite goodbye', async () => {
    const twiml = parse.parse((await call('+19995550111', 'CA' + 'c'.repeat(32))).text).Response;
    expect(twiml).toHaveProperty('Hangup');
    expect(twiml).not.toHaveProperty('Dial');
  });
});
