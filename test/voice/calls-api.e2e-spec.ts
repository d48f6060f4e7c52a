import { FixedClock } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

// Monday 30 November 2026, 10:00 in New York: "Wednesday" is 2 December.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));

describe('Calls API: the owner sees each call, its outcome and its transcript', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;
  let bookedSid: string;
  let messageSid: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_name: 'Corner Barber' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    const booking = phoneCall(t, rachelNumber, '+13105550120');
    await booking.dial();
    await booking.say('I want to book Wednesday at 11 am');
    await booking.say('Chris Young');
    await booking.say('yes');
    await booking.say('no thanks, bye');
    await booking.hangUp();
    bookedSid = booking.callSid;
    const message = phoneCall(t, rachelNumber, '+13105550121');
    await message.dial();
    await message.say('Can I leave a message?');
    await message.say('Tell Sam I will be ten minutes late');
    messageSid = message.callSid;
  });
  afterAll(() => t.close());

  const idOf = async (sid: string) => (await t.dataSource.query(`SELECT id FROM calls WHERE twilio_call_sid = $1`, [sid]))[0].id as number;

  it('lists calls newest first with intent, outcome and appointment', async () => {
    const res = await t.http.get('/api/calls').set(tenant.auth).expect(200);
    expect(res.body.pagination).toEqual({ page: 1, page_size: 20, total: 2 });
    expect(res.body.data.map((c: { call_sid: string }) => c.call_sid).sort()).toEqual([bookedSid, messageSid].sort());
    const booked = res.body.data.find((c: { call_sid: string }) => c.call_sid === bookedSid);
    expect(booked).toMatchObject({ intent: 'book', outcome: 'booked', from_number: '+13105550120', to_number: rachelNumber, status: 'completed', voicemail: null });
    expect(booked.appointment_id).toEqual(expect.any(Number));
  });

  it('filters by outcome and by the business’s local dates', async () => {
    const messages = await t.http.get('/api/calls?outcome=message').set(tenant.auth).expect(200);
    expect(messages.body.data).toEqual([expect.objectContaining({ call_sid: messageSid, caller_message: 'Tell Sam I will be ten minutes late' })]);
    // The calls were stored just now; "today" is the business's local date in New York.
    const localToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const localTomorrow = new Date(Date.parse(`${localToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await t.http.get(`/api/calls?from=${localToday}&to=${localToday}`).set(tenant.auth).expect(200)).body.pagination.total).toBe(2);
    expect((await t.http.get(`/api/calls?from=${localTomorrow}`).set(tenant.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get(`/api/calls?to=2000-01-01`).set(tenant.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/api/calls?page=2&page_size=1').set(tenant.auth).expect(200)).body.data).toHaveLength(1);
  });

  it('shows one call with its transcript, turn by turn', async () => {
    const res = await t.http.get(`/api/calls/${await idOf(bookedSid)}`).set(tenant.auth).expect(200);
    const transcript = res.body.call.transcript as Array<{ turn: number; speaker: string; text: string; confidence: number | null }>;
    expect(transcript[0]).toMatchObject({ turn: 0, speaker: 'rachel' });
    expect(transcript.find((l) => l.speaker === 'caller')).toEqual(expect.objectContaining({ turn: 1, text: 'I want to book Wednesday at 11 am', confidence: 0.92 }));
    expect(transcript.filter((l) => l.speaker === 'caller')).toHaveLength(4);
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['from=30-11-2026', 'from'],
    ['from=2026-12-05&to=2026-12-01', 'to'],
    ['outcome=exploded', 'outcome'],
    ['page=0', 'page'],
    ['page_size=1000000', 'page_size'],
    ['from=%00', 'from'],
    ['from=%ED%A0%80', 'from'],
    [`outcome=${'x'.repeat(5000)}`, 'outcome'],
  ])('refuses ?%s with 400 naming the field', async (query, field) => {
    const res = await t.http.get(`/api/calls?${query}`).set(tenant.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f: { field: string }) => f.field) ?? [res.body.error.message]).toContain(field);
  });

  it.each([['abc'], ['0'], ['-1'], ['99999999999'], ['1.5'], ['0x1'], ['1e0'], ['01']])('answers /api/calls/%s with 404', async (id) => {
    const res = await t.http.get(`/api/calls/${id}`).set(tenant.auth).expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers a NUL byte in the path with 400 (the input-safety rule of every route)', async () => {
    const res = await t.http.get('/api/calls/%00').set(tenant.auth).expect(400);
    expect(res.body.error.message).toMatch(/NUL/);
  });

  it('needs a token', async () => {
    await t.http.get('/api/calls').expect(401);
  });

  describe('hostile input on the conversation webhooks never yields a 5xx', () => {
    const turnParams = (sid: string, speech: string) => ({ AccountSid: 'AC00000000000000000000000000000000', CallSid: sid, From: '+13105550130', To: rachelNumber, CallStatus: 'in-progress', SpeechResult: speech, Confidence: '0.9' });

    it.each([
      ['NUL bytes', 'book\u0000 tomorrow\u0000 at 2'],
      ['a lone surrogate', 'book \ud800 tomorrow'],
      ['10 kB of speech', 'book '.repeat(2_000)],
      ['markup', '<Say>hi</Say>]]>&amp;'],
    ])('%s in SpeechResult: 200 with valid TwiML', async (_label, speech) => {
      const call = phoneCall(t, rachelNumber, '+13105550130');
      await call.dial();
      const url = call.pendingUrl!;
      const params = turnParams(call.callSid, speech);
      const res = await t.http.post(url.slice(PUBLIC_BASE.length)).type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, url, params)).send(params);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
    });

    it.each([['turn=abc'], ['turn=-1'], ['turn=99999'], ['']])('a turn webhook with ?%s answers TwiML (the owner), not an error', async (query) => {
      const path = `/voice/rachel/turn${query ? `?${query}` : ''}`;
      const params = turnParams('CA' + 'f'.repeat(32), 'hello');
      const res = await t.http.post(path).type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}${path}`, params)).send(params);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<Response>/);
    });

    it('a body over the size limit is refused with 413, not a 5xx', async () => {
      const params = turnParams('CA' + 'd'.repeat(32), 'book '.repeat(40_000));
      const res = await t.http.post('/voice/rachel/turn?turn=1').type('form').set('X-Twilio-Signature', 'x').send(params);
      expect(res.status).toBe(413);
    });

    it('a JSON body instead of a form is refused (403: the signature covers form parameters only)', async () => {
      const params = turnParams('CA' + 'e'.repeat(32), 'hello');
      const res = await t.http.post('/voice/webhook/voice').set('Content-Type', 'application/json').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/voice/webhook/voice`, params)).send(JSON.stringify(params));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
  });
});
