import { FixedClock } from '@ringlypro/core';
import { RelayServer } from '@ringlypro/voice';
import { FakeRelayClient } from '../fakes/fake-relay-client';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { listening, parseTwiml, RELAY_URL, relayBusiness, relayCall, relaySocketUrl } from './support/relay-call';

// Monday 30 November 2026, 10:00 in New York: "tomorrow" is Tuesday 1 December.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));

/**
 * <ConversationRelay> attributes as Twilio documents them (TwiML reference, "ConversationRelay"
 * attributes; the same list the twilio SDK's ConversationRelayAttributes types).
 */
const DOCUMENTED_ATTRIBUTES = new Set([
  'url', 'welcomeGreeting', 'welcomeGreetingInterruptible', 'language', 'ttsLanguage', 'ttsProvider', 'voice', 'transcriptionLanguage',
  'transcriptionProvider', 'speechModel', 'interruptible', 'dtmfDetection', 'reportInputDuringAgentSpeech', 'preemptible', 'hints', 'debug',
  'elevenlabsTextNormalization', 'intelligenceService', 'partialPrompts', 'profanityFilter', 'interruptSensitivity', 'events',
]);

describe('Rachel over ConversationRelay (a real WebSocket, signed like Twilio)', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE, ELEVENLABS_VOICE_ID: 'PlatformVoice1234' } });
    base = await listening(t);
  });
  afterAll(() => t.close());

  const holdsOf = (clientId: number) => t.dataSource.query(`SELECT call_sid FROM slot_holds WHERE client_id = $1`, [clientId]);
  const rachelLines = async (callSid: string, turn: number) =>
    (
      await t.dataSource.query(
        `SELECT ct.text FROM call_turns ct JOIN calls c ON c.id = ct.call_id WHERE c.twilio_call_sid = $1 AND ct.turn = $2 AND ct.speaker = 'rachel' ORDER BY ct.line`,
        [callSid, turn],
      )
    ).map((r: { text: string }) => r.text);

  it("voice_transport is a validated client setting; a relay business's greeting is <Connect><ConversationRelay> as Twilio documents it", async () => {
    const { tenant, number } = await relayBusiness(t, { business_name: 'Relay Dental' }, { custom_greeting: 'Relay Dental, Rachel speaking.' });
    const patch = (body: unknown) => t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send(body as object);
    for (const bad of ['websocket', 'RELAY', '', 7, true]) {
      const res = await patch({ voice_transport: bad });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('voice_transport');
    }
    expect((await t.http.get(`/api/client/${tenant.clientId}`).set(tenant.auth)).body.client.voice_transport).toBe('relay');

    const { greeting, relay } = await relayCall(t, base, number);
    relay.close();
    expect(greeting.body).not.toContain('<Gather');
    const twiml = parseTwiml(greeting.body) as { Response: Record<string, unknown> };
    expect(Object.keys(twiml.Response)).toEqual(['Connect']);
    const connect = twiml.Response.Connect as Record<string, unknown>;
    expect(connect['@action']).toBe(`${PUBLIC_BASE}/voice/relay/ended`);
    expect(connect['@method']).toBe('POST');
    const cr = connect.ConversationRelay as Record<string, unknown>;
    const attributes = Object.keys(cr).filter((k) => k.startsWith('@')).map((k) => k.slice(1));
    for (const name of attributes) expect(DOCUMENTED_ATTRIBUTES.has(name)).toBe(true);
    // The socket URL names this call and carries our token for it; Twilio signs the handshake over it whole.
    expect(cr['@url']).toMatch(new RegExp(`^${RELAY_URL.replace(/[.?]/g, '\\$&')}\\?call=CA[0-9a-f]{32}&t=[A-Za-z0-9_-]{32}$`));
    expect(cr['@ttsProvider']).toBe('ElevenLabs');
    expect(cr['@voice']).toBe('PlatformVoice1234');
    expect(cr['@welcomeGreeting']).toBe('Relay Dental, Rachel speaking. How can I help you today?');
    expect(['none', 'dtmf', 'speech', 'any']).toContain(cr['@interruptible']);
    expect(['none', 'dtmf', 'speech', 'any']).toContain(cr['@welcomeGreetingInterruptible']);
    expect(cr['@language']).toBe('en-US');
    expect(cr['@dtmfDetection']).toBe('true');
    expect(cr['@hints']).toMatch(/^Relay Dental, appointment/);
    expect(cr.Parameter).toEqual({ '@name': 'clientId', '@value': String(tenant.clientId) });

    // The business's own voice wins; null goes back to the platform default transport (gather).
    await patch({ voice_id: 'OwnVoice12345678' }).expect(200);
    const own = await relayCall(t, base, number);
    own.relay.close();
    expect((parseTwiml(own.greeting.body) as { Response: { Connect: { ConversationRelay: Record<string, string> } } }).Response.Connect.ConversationRelay['@voice']).toBe('OwnVoice12345678');
    expect((await patch({ voice_transport: null }).expect(200)).body.client.voice_transport).toBeNull();
    const back = await phoneCall(t, number).dial();
    expect(back.twiml).toMatch(/<Gather /);
  });

  it('books end to end over the socket: the same dialogue, holds, appointment, transcript, SMS confirmation and goodbye', async () => {
    const { tenant, number } = await relayBusiness(t, { business_name: 'Bright Smiles Dental', owner_phone: '+12125550142' });
    const { call, relay, ended } = await relayCall(t, base, number);

    const offered = await relay.say('Yeah hi, I was hoping to book an appointment for tomorrow at 2 pm');
    expect(offered.lines).toEqual(['Tuesday, December 1st at 2 PM is available.', 'May I have your name for the booking?']);
    expect(offered.text).toBe('Tuesday, December 1st at 2 PM is available. May I have your name for the booking?');
    expect(await holdsOf(tenant.clientId)).toEqual([{ call_sid: call.callSid }]);

    const confirm = await relay.say('My name is John Smith');
    expect(confirm.lines).toEqual(['I can book Tuesday, December 1st at 2 PM for John Smith, and text the confirmation to the number ending in 0 1 9 9. Shall I book it?']);
    const booked = await relay.say('Yes please');
    expect(booked.lines[0]).toBe("You're all set for Tuesday, December 1st at 2 PM.");
    const [appointment] = await t.dataSource.query(`SELECT id, customer_name, customer_phone, appointment_date, appointment_time, source, call_sid, confirmation_code FROM appointments WHERE client_id = $1`, [tenant.clientId]);
    expect(appointment).toMatchObject({ customer_name: 'John Smith', customer_phone: '+13105550199', appointment_date: '2026-12-01', appointment_time: '14:00:00', source: 'voice_booking', call_sid: call.callSid });
    expect(await holdsOf(tenant.clientId)).toEqual([]);

    const from = relay.received.length;
    relay.prompt("No, that's all, thanks");
    expect(await relay.ended(from)).toEqual({ reason: 'goodbye' });
    // No text tokens for the goodbye: Twilio's <Connect> action says it, so `end` cannot cut it off.
    expect(relay.received.slice(from).map((m) => m.type)).toEqual(['end']);
    const after = await ended({ HandoffData: JSON.stringify({ reason: 'goodbye' }) });
    expect(after.status).toBe(200);
    expect(after.body).toContain('Thank you for calling Bright Smiles Dental. Goodbye!');
    expect(after.body).toContain('<Hangup/>');
    relay.close();
    await call.hangUp('completed');

    const [record] = await t.dataSource.query(`SELECT id, intent, outcome, appointment_id, status FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(record).toMatchObject({ intent: 'book', outcome: 'booked', appointment_id: appointment.id, status: 'completed' });
    const callerLines = await t.dataSource.query(`SELECT text FROM call_turns WHERE call_id = $1 AND speaker = 'caller' ORDER BY turn`, [record.id]);
    expect(callerLines.map((l: { text: string }) => l.text)).toEqual(['Yeah hi, I was hoping to book an appointment for tomorrow at 2 pm', 'My name is John Smith', 'Yes please', "No, that's all, thanks"]);
    expect((await rachelLines(call.callSid, 0)).at(-1)).toBe('How can I help you today?');
    expect(await rachelLines(call.callSid, 3)).toEqual(booked.lines);
    const text = await eventually(
      async () => (await t.dataSource.query(`SELECT body FROM messages WHERE appointment_id = $1 AND purpose = 'confirmation'`, [appointment.id]))[0],
      'confirmation text',
    );
    expect(text.body).toContain(appointment.confirmation_code);
  });

  it('barge-in: a slot Rachel was cut off offering is not offered (hold freed, transcript cut), and a "yes" over an unfinished question books nothing', async () => {
    const { tenant, number } = await relayBusiness(t, { business_name: 'Interrupted Salon' });
    const { call, relay } = await relayCall(t, base, number, '+13105550123');

    await relay.say('I want to book tomorrow at 3 pm');
    expect(await holdsOf(tenant.clientId)).toHaveLength(1);
    // The caller cuts in two words into the offer line.
    relay.interrupt('Tuesday, December');
    const named = await relay.say('Jane Doe');
    // The hold was released at the interrupt; Rachel offers the slot again, in full, with the name.
    expect(named.lines).toEqual(['I can book Tuesday, December 1st at 3 PM for Jane Doe, and text the confirmation to the number ending in 0 1 2 3. Shall I book it?']);
    expect(await rachelLines(call.callSid, 1)).toEqual(['Tuesday, December']);

    // Now cut into the confirmation question before "Shall I book it?", and say yes over it.
    relay.interrupt('I can book Tuesday, December 1st at 3 PM for Jane Doe,');
    await eventually(async () => (await holdsOf(tenant.clientId)).length === 0, 'hold released');
    const over = await relay.say('yes');
    expect(await t.dataSource.query(`SELECT id FROM appointments WHERE client_id = $1`, [tenant.clientId])).toEqual([]);
    expect(over.lines.at(-1)).toBe('May I have your name for the booking?');
    expect(await rachelLines(call.callSid, 2)).toEqual(['I can book Tuesday, December 1st at 3 PM for Jane Doe,']);

    // Heard in full this time, the caller's "yes" books it.
    await relay.say('Jane Doe');
    const booked = await relay.say('yes please');
    expect(booked.lines[0]).toBe("You're all set for Tuesday, December 1st at 3 PM.");
    // An interrupt after Rachel finished a line keeps that line whole.
    relay.interrupt("You're all set for Tuesday, December 1st at 3 PM.");
    await relay.say('thanks');
    expect((await rachelLines(call.callSid, 5))[0]).toBe("You're all set for Tuesday, December 1st at 3 PM.");
    expect(await rachelLines(call.callSid, 5)).toHaveLength(1);
    relay.close();
  });

  it('a dropped socket frees the hold at once, leaves no session behind, and the <Connect> action puts the caller through to the owner', async () => {
    const { tenant, number } = await relayBusiness(t, { business_name: 'Dropped Line Spa', owner_phone: '+12125550177' });
    const server = t.app.get(RelayServer);
    // Earlier tests' sockets finish closing first, so the count below is this call's alone.
    await eventually(async () => server.openSessions === 0, 'earlier sessions closed');
    const { relay, ended } = await relayCall(t, base, number);
    await relay.say('book tomorrow at 11 am');
    expect(await holdsOf(tenant.clientId)).toHaveLength(1);
    expect(server.openSessions).toBe(1);
    relay.drop();
    await eventually(async () => (await holdsOf(tenant.clientId)).length === 0, 'hold freed');
    await eventually(async () => server.openSessions === 0, 'session gone');
    const after = await ended({ SessionStatus: 'failed' });
    expect(after.body).toMatch(/<Dial[^>]*><Number>\+12125550177<\/Number><\/Dial>/);
    // Dropped while a turn is still being answered: the turn finishes, then its hold is freed.
    const midTurn = await relayCall(t, base, number, '+13105550142');
    midTurn.relay.prompt('book tomorrow at 1 pm');
    midTurn.relay.drop();
    await eventually(async () => server.openSessions === 0, 'mid-turn session gone');
    expect(await holdsOf(tenant.clientId)).toEqual([]);
    // The endpoint still serves the next call.
    const next = await relayCall(t, base, number);
    expect((await next.relay.say('what are your hours')).text).toMatch(/^We're open/);
    next.relay.close();
  });

  it('refuses a bad, missing or misdirected signature at the handshake (403), a URL not issued for a call (403), and an unknown path (404)', async () => {
    const token = t.config.webhookSigningToken;
    const sid = `CA${'ab'.repeat(16)}`;
    const issued = relaySocketUrl(t, sid);
    const refused = (options: Partial<Parameters<typeof FakeRelayClient.connect>[0]>) =>
      FakeRelayClient.connect({ localBase: base, publicUrl: issued, authToken: token, ...options }).then(
        (c) => {
          c.close();
          return 101;
        },
        (e: { status?: number }) => e.status,
      );
    expect(await refused({ signature: null })).toBe(403);
    expect(await refused({ signature: 'bm90IGEgc2lnbmF0dXJl' })).toBe(403);
    expect(await refused({ authToken: 'not-our-token-at-all' })).toBe(403);
    expect(await refused({ publicUrl: 'wss://evil.example.com/voice/relay' })).toBe(403);
    expect(await refused({ path: '/voice/relay?x=1' })).toBe(403);
    expect(await refused({ path: '/voice/other', publicUrl: `${PUBLIC_BASE.replace('https', 'wss')}/voice/other` })).toBe(404);
    // Correctly signed by Twilio's token, but not a URL our greeting issued: no call, or another call's token.
    expect(await refused({ publicUrl: RELAY_URL })).toBe(403);
    expect(await refused({ publicUrl: issued.replace(sid, `CA${'cd'.repeat(16)}`) })).toBe(403);
    expect(await refused({ publicUrl: issued.replace(/t=.*/, 't=' + 'A'.repeat(32)) })).toBe(403);
    expect(await refused({})).toBe(101);
  });

  it('hostile frames: non-JSON or anything but setup first closes; a huge frame closes; unknown types are ignored; a setup for no call ends it', async () => {
    await eventually(async () => t.app.get(RelayServer).openSessions === 0, 'earlier sessions closed');
    const open = () => FakeRelayClient.connect({ localBase: base, publicUrl: relaySocketUrl(t, `CA${'ef'.repeat(16)}`), authToken: t.config.webhookSigningToken });
    const junk = await open();
    junk.send('{not json');
    expect((await junk.closed).code).toBe(1008);
    const early = await open();
    early.prompt('book tomorrow at 2pm');
    expect((await early.closed).code).toBe(1008);
    const huge = await open();
    huge.send(JSON.stringify({ type: 'setup', pad: 'x'.repeat(200_000) }));
    expect((await huge.closed).code).toBe(1009);

    const stranger = await open();
    stranger.setup({ callSid: `CA${'f'.repeat(32)}`, from: '+13105550199', to: '+12125550100' });
    expect(await stranger.ended(0)).toEqual({ reason: 'no-conversation' });
    expect((await stranger.closed).code).toBe(1000);

    const { number } = await relayBusiness(t, { business_name: 'Hostile Frames Deli' });
    const { relay } = await relayCall(t, base, number);
    for (const frame of ['[]', 'null', '"text"', '{"type":"wat"}', '{"type":"prompt","voicePrompt":42}', '{"type":"dtmf","digit":"99"}', '{"type":"setup","callSid":"CAx"}']) relay.send(frame);
    relay.send({ type: 'error', description: 'TTS provider hiccup' });
    relay.dtmf('5');
    expect((await relay.say('what are your hours')).text).toMatch(/^We're open/);
    relay.close();
    await eventually(async () => t.app.get(RelayServer).openSessions === 0, 'sessions closed');
  });

  it('partial prompts wait for the final one; prompts in a row are answered in order; a retried greeting webhook gets the same <Connect>', async () => {
    const { number } = await relayBusiness(t, { business_name: 'Ordered Replies Cafe' });
    const { call, relay, greeting } = await relayCall(t, base, number);
    const retried = await call.send(`${PUBLIC_BASE}/voice/webhook/voice`, { AccountSid: `AC${'0'.repeat(32)}`, CallSid: call.callSid, From: '+13105550199', To: number, CallStatus: 'ringing', Direction: 'inbound' });
    expect(retried.body).toBe(greeting.body);

    const from = relay.received.length;
    relay.prompt('I want to', false);
    relay.prompt('I want to book tomorrow', false);
    relay.prompt('I want to book tomorrow at 2 pm', true);
    relay.prompt('what are your hours');
    const first = await relay.talkFrom(from);
    expect(first.lines[0]).toBe('Tuesday, December 1st at 2 PM is available.');
    const second = await relay.talkFrom(from + first.tokens.length);
    expect(second.lines[0]).toMatch(/^We're open/);
    const turns = await t.dataSource.query(
      `SELECT ct.turn, ct.text FROM call_turns ct JOIN calls c ON c.id = ct.call_id WHERE c.twilio_call_sid = $1 AND ct.speaker = 'caller' ORDER BY ct.turn`,
      [call.callSid],
    );
    expect(turns).toEqual([
      { turn: 1, text: 'I want to book tomorrow at 2 pm' },
      { turn: 2, text: 'what are your hours' },
    ]);
    relay.close();
  });

  it('cutting into the welcome greeting trims turn 0; a second interrupt, or one after she said everything, changes nothing', async () => {
    const { number } = await relayBusiness(t, { business_name: 'Eager Caller Garage' }, { custom_greeting: 'Eager Caller Garage, this is Rachel.' });
    const { call, relay } = await relayCall(t, base, number);
    relay.interrupt('Eager Caller');
    relay.interrupt('');
    const answered = await relay.say('what are your hours');
    expect(answered.lines[0]).toMatch(/^We're open/);
    expect(await rachelLines(call.callSid, 0)).toEqual(['Eager Caller']);
    // Twilio reports an interrupt at the very end of her talk: she said it all, nothing is trimmed.
    relay.interrupt(answered.text);
    await relay.say('thanks');
    expect((await rachelLines(call.callSid, 2)).length).toBeGreaterThan(0);
    expect(await rachelLines(call.callSid, 1)).toEqual(answered.lines);
    relay.close();
  });

  it("a setup for another business's call, or whose clientId parameter does not match, is ended and never answered", async () => {
    const a = await relayBusiness(t, { business_name: 'First Tenant Barber' });
    const b = await relayBusiness(t, { business_name: 'Second Tenant Barber' });
    const { call, relay } = await relayCall(t, base, a.number);
    relay.close();
    const connect = () => FakeRelayClient.connect({ localBase: base, publicUrl: relaySocketUrl(t, call.callSid), authToken: t.config.webhookSigningToken });
    const wrongNumber = await connect();
    wrongNumber.setup({ callSid: call.callSid, from: '+13105550199', to: b.number, customParameters: { clientId: String(b.tenant.clientId) } });
    expect(await wrongNumber.ended(0)).toEqual({ reason: 'no-conversation' });
    const wrongParam = await connect();
    wrongParam.setup({ callSid: call.callSid, from: '+13105550199', to: a.number, customParameters: { clientId: String(b.tenant.clientId) } });
    expect(await wrongParam.ended(0)).toEqual({ reason: 'no-conversation' });
    expect((await wrongParam.closed).code).toBe(1000);
    // A socket issued for one call cannot take over another live call, even one whose setup would match.
    const other = await relayCall(t, base, b.number);
    other.relay.close();
    const crossed = await connect();
    crossed.setup({ callSid: other.call.callSid, from: '+13105550199', to: b.number, customParameters: { clientId: String(b.tenant.clientId) } });
    expect(await crossed.ended(0)).toEqual({ reason: 'no-conversation' });
    expect(await t.dataSource.query(`SELECT id FROM call_turns WHERE client_id = $1 AND turn > 0`, [b.tenant.clientId])).toEqual([]);
  });
});
