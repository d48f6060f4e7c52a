import { CallAdmission } from '@ringlypro/billing';
import { SlotHolds } from '@ringlypro/booking';
import { FixedClock, TenantDatabase } from '@ringlypro/core';
import { ConversationStore, MemoryConversationStore, RedisConversationStore } from '@ringlypro/voice';
import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { BreakableStore, ScriptedAdmission } from './support/conversation-seams';

// Monday 30 November 2026, 10:00 in New York (Mon–Fri 9–5, 30-minute appointments by default).
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
const prefix = `t${randomBytes(5).toString('hex')}`;
const admission = new ScriptedAdmission();
const store = new BreakableStore(process.env.REDIS_URL ? new RedisConversationStore(process.env.REDIS_URL, prefix) : new MemoryConversationStore(clock));

describe('Rachel on the phone: every path of the conversation (signed webhooks end to end)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;
  let callerSeq = 0;
  /** A fresh caller number per test, so lookups by phone never see another test's appointments. */
  const newCaller = () => `+1310555${String(1000 + ++callerSeq).padStart(4, '0')}`;

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { WEBHOOK_BASE_URL: PUBLIC_BASE, QUEUE_PREFIX: prefix, VOICE_MAX_TURNS: '8' },
      overrides: [
        { provide: CallAdmission, useValue: admission },
        { provide: ConversationStore, useValue: store },
      ],
    });
    tenant = await registerTenant(t.http, { business_name: 'Bright Smiles Dental', owner_phone: '+12125550142' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ services_info: 'A check-up and clean is $120; whitening starts at $300.', business_address: '12 Main Street, Springfield' }).expect(200);
  });
  afterEach(() => {
    admission.admitted = true;
    admission.seconds = Number.MAX_SAFE_INTEGER;
    store.broken = false;
  });
  afterAll(() => t.close());

  const bookViaApi = (phone: string, date: string, time: string, name = 'Pat Doe') =>
    t.http.post('/api/appointments').set(tenant.auth).send({ customer_name: name, customer_phone: phone, appointment_date: date, appointment_time: time });
  /** The call rows logged for a CallSid, and the transcript lines they hold. */
  const logged = async (callSid: string) =>
    (
      await t.dataSource.query(
        `SELECT count(DISTINCT c.id)::int AS calls, count(l.id)::int AS lines FROM calls c LEFT JOIN call_turns l ON l.call_id = c.id WHERE c.twilio_call_sid = $1`,
        [callSid],
      )
    )[0];
  const callRecord = async (sid: string) => (await t.dataSource.query(`SELECT id, intent, outcome, appointment_id, recording_url, recording_sid, caller_message, status FROM calls WHERE twilio_call_sid = $1`, [sid]))[0];
  const appointmentsOf = (phone: string) =>
    t.dataSource.query(`SELECT id, appointment_date, appointment_time, status, source, call_sid FROM appointments WHERE client_id = $1 AND customer_phone = $2 ORDER BY id`, [tenant.clientId, phone]);

  async function callAndBookName(from: string, first: string) {
    const call = phoneCall(t, rachelNumber, from);
    await call.dial();
    return { call, offered: await call.say(first) };
  }

  describe('booking paths', () => {
    it('conflict: says the time is taken and offers the two nearest free slots; naming one books it', async () => {
      await bookViaApi('+12025550100', '2026-12-01', '14:00').expect(201);
      const from = newCaller();
      const { call, offered } = await callAndBookName(from, 'I need an appointment on Tuesday at 2pm');
      expect(offered.lines).toEqual([
        "I'm sorry, 2 PM on Tuesday, December 1st is already taken.",
        // The nearest free times on either side of the one asked for, as a receptionist would offer them.
        'The nearest I have are Tuesday, December 1st at 1:30 PM, or Tuesday, December 1st at 2:30 PM. Would either of those work?',
      ]);
      expect((await call.say('2:30 works')).lines).toEqual(['Tuesday, December 1st at 2:30 PM is available.', 'May I have your name for the booking?']);
      await call.say('Maria Lopez');
      const booked = await call.say('yes');
      expect(booked.lines[0]).toBe("You're all set for Tuesday, December 1st at 2:30 PM.");
      expect(await appointmentsOf(from)).toEqual([expect.objectContaining({ appointment_date: '2026-12-01', appointment_time: '14:30:00', source: 'voice_booking', call_sid: call.callSid })]);
    });

    it('closed day: says so in one phrase and offers the next open slots; "yes" takes the first', async () => {
      const from = newCaller();
      const { call, offered } = await callAndBookName(from, 'Can I come in on Saturday at 10?');
      expect(offered.lines[0]).toBe("I'm sorry, we're closed on Saturdays.");
      expect(offered.lines[1]).toBe('The nearest I have are Monday, December 7th at 9 AM, or Monday, December 7th at 9:30 AM. Would either of those work?');
      expect((await call.say('yes, that works')).lines[0]).toBe('Monday, December 7th at 9 AM is available.');
    });

    it('reject then accept: "no" with a new time re-offers that time, "yes" books it', async () => {
      const from = newCaller();
      const { call } = await callAndBookName(from, 'I would like to book for Wednesday at 10 am');
      const confirm = await call.say('This is Sam Carter');
      expect(confirm.lines[0]).toMatch(/^I can book Wednesday, December 2nd at 10 AM for Sam Carter/);
      const reoffer = await call.say("hmm, that doesn't work, how about 3:30 instead?");
      expect(reoffer.lines).toEqual(['I can book Wednesday, December 2nd at 3:30 PM for Sam Carter, and text the confirmation to the number ending in ' + [...from.slice(-4)].join(' ') + '. Shall I book it?']);
      await call.say('yes');
      expect(await appointmentsOf(from)).toEqual([expect.objectContaining({ appointment_date: '2026-12-02', appointment_time: '15:30:00' })]);
    });

    it('a plain "no" releases the hold and asks for another time', async () => {
      const from = newCaller();
      const { call } = await callAndBookName(from, 'book me in for Thursday at 4 pm please');
      await call.say('Alex Kim');
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM slot_holds WHERE call_sid = $1`, [call.callSid]))[0].n).toBe(1);
      expect((await call.say('no')).lines).toEqual(['No problem. What day and time would suit you better?']);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM slot_holds WHERE call_sid = $1`, [call.callSid]))[0].n).toBe(0);
    });

    it('the confirmation goes to another number when the caller gives one', async () => {
      const from = newCaller();
      const { call } = await callAndBookName(from, 'I want to book Thursday at 9:30 am');
      await call.say('Robin Diaz');
      expect((await call.say('no, please text it to 212 555 0147 instead')).lines).toEqual([
        'I can book Thursday, December 3rd at 9:30 AM for Robin Diaz, and text the confirmation to the number ending in 0 1 4 7. Shall I book it?',
      ]);
      await call.say('yes');
      const [row] = await t.dataSource.query(`SELECT customer_phone FROM appointments WHERE call_sid = $1`, [call.callSid]);
      expect(row).toEqual({ customer_phone: '+12125550147' });
    });

    it('a caller without caller ID is asked where to text the confirmation', async () => {
      const call = phoneCall(t, rachelNumber, '+266696687');
      await call.dial();
      await call.say('I want to book Thursday at 10 am');
      expect((await call.say('Lee Chan')).lines).toEqual(['What number should I text the confirmation to?']);
      expect((await call.say('it is 646 555 0188')).lines[0]).toMatch(/^I can book Thursday, December 3rd at 10 AM for Lee Chan, and text the confirmation to the number ending in 0 1 8 8\./);
    });

    it('correction in one sentence: the last time said wins', async () => {
      const { offered } = await callAndBookName(newCaller(), "I'd like to book Wednesday at 10, no wait, make it 1 p.m.");
      expect(offered.lines[0]).toBe('Wednesday, December 2nd at 1 PM is available.');
    });
  });

  describe('existing appointments, found by the caller’s number', () => {
    it('cancel: reads the appointment back, confirms, cancels', async () => {
      const from = newCaller();
      await bookViaApi(from, '2026-12-03', '11:00').expect(201);
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      expect((await call.say('I need to cancel my appointment')).lines).toEqual(['I see your appointment on Thursday, December 3rd at 11 AM. Would you like me to cancel it?']);
      expect((await call.say('yes please')).lines[0]).toBe('Done. Your appointment on Thursday, December 3rd at 11 AM is cancelled.');
      expect(await appointmentsOf(from)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
      expect(await callRecord(call.callSid)).toMatchObject({ intent: 'cancel', outcome: 'cancelled' });
    });

    it('reschedule: asks for the new time, confirms the move, moves it', async () => {
      const from = newCaller();
      const created = await bookViaApi(from, '2026-12-03', '12:00').expect(201);
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      expect((await call.say('Hi, I need to reschedule my appointment')).lines).toEqual(['I see your appointment on Thursday, December 3rd at noon. What day and time would you like instead?']);
      expect((await call.say('Friday at 11 am')).lines).toEqual(['I can move your appointment from Thursday, December 3rd at noon to Friday, December 4th at 11 AM. Shall I go ahead?']);
      const done = await call.say('yes');
      expect(done.lines[0]).toBe('Done. Your appointment is now on Friday, December 4th at 11 AM.');
      expect(done.lines[1]).toMatch(/^Your confirmation code is /);
      expect(await appointmentsOf(from)).toEqual([expect.objectContaining({ id: created.body.appointment.id, appointment_date: '2026-12-04', appointment_time: '11:00:00', status: 'confirmed' })]);
      expect(await callRecord(call.callSid)).toMatchObject({ outcome: 'rescheduled', appointment_id: created.body.appointment.id });
    });

    it('lookup: says when the next appointment is, with its code', async () => {
      const from = newCaller();
      const created = await bookViaApi(from, '2026-12-04', '09:00').expect(201);
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      const answer = await call.say('When is my appointment?');
      expect(answer.lines[0]).toMatch(/^Your next appointment is on Friday, December 4th at 9 AM\. Your confirmation code is /);
      expect(answer.lines[0]).toContain(`${created.body.appointment.confirmation_code[0]}`);
      expect(await callRecord(call.callSid)).toMatchObject({ outcome: 'looked_up' });
    });

    it('no appointment for this number: says so and offers a message or a person', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      expect((await call.say('I want to cancel my appointment')).lines).toEqual([
        "I couldn't find an upcoming appointment for the number you're calling from.",
        'I can take a message for Bright Smiles Dental, or connect you with someone. Which would you prefer?',
      ]);
    });
  });

  describe('everything else', () => {
    it('answers hours, location and prices from the settings', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      expect((await call.say('What are your hours?')).lines[0]).toBe("We're open Monday to Friday, from 9 AM to 5 PM.");
      expect((await call.say('yes, where are you located?')).lines[0]).toBe("We're at 12 Main Street, Springfield.");
      expect((await call.say('How much is a cleaning?')).lines[0]).toBe('A check-up and clean is $120; whitening starts at $300.');
    });

    it('takes a message and texts it to the owner with the caller’s number', async () => {
      const from = newCaller();
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      expect((await call.say("I'd like to leave a message")).lines).toEqual(["Of course. Please tell me your message for Bright Smiles Dental, and I'll pass it on."]);
      const end = await call.say('Please call me back about my crown, it has been hurting since Friday.');
      expect(end.status).toBe('ended');
      expect(await callRecord(call.callSid)).toMatchObject({ outcome: 'message', caller_message: 'Please call me back about my crown, it has been hurting since Friday.' });
      const text = await eventually(async () => (await t.dataSource.query(`SELECT body, to_number, status FROM messages WHERE purpose = 'owner_alert' AND body LIKE $1`, [`%${from}%`]))[0], 'owner text');
      expect(text.to_number).toBe('+12125550142');
      expect(text.body).toContain('crown, it has been hurting');
    });

    it('"speak to a person" dials the owner; nobody answers → voicemail kept on the call and texted to the owner', async () => {
      const from = newCaller();
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      const dialing = await call.say('Can I speak to a real person?');
      expect(dialing.status).toBe('ringing-owner');
      expect(dialing.twiml).toMatch(/<Number>\+12125550142<\/Number>/);
      expect(dialing.lines).toEqual(['Of course. Let me connect you with someone at Bright Smiles Dental. One moment, please.']);
      const voicemail = await call.ownerLine('no-answer');
      expect(voicemail.status).toBe('recording');
      expect(voicemail.lines[0]).toMatch(/leave a message after the tone/);
      const thanks = await call.leaveVoicemail(14);
      expect(thanks.lines).toEqual(['Thank you. Bright Smiles Dental has your message. Goodbye.']);
      await call.hangUp();
      const record = await callRecord(call.callSid);
      expect(record).toMatchObject({ intent: 'person', outcome: 'voicemail', status: 'completed' });
      expect(record.recording_url).toMatch(/^https:\/\/api\.twilio\.com\/.*\/Recordings\/RE/);
      const text = await eventually(async () => (await t.dataSource.query(`SELECT body, to_number FROM messages WHERE purpose = 'owner_alert' AND body LIKE $1`, [`%${from}%`]))[0], 'owner text');
      expect(text).toEqual({ to_number: '+12125550142', body: expect.stringContaining(`${record.recording_url}.mp3`) });
      expect(text.body).toContain(`missed call from ${from}`);
    });

    it('"goodbye" ends the call politely', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      const bye = await call.say("Actually never mind, bye");
      expect(bye).toMatchObject({ status: 'ended', lines: ['Thank you for calling Bright Smiles Dental. Goodbye!'] });
    });
  });

  describe('never stuck', () => {
    it('silence: repeats the question, then offers a person or a message, then connects the owner', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      expect((await call.say(null)).lines).toEqual(["Sorry, I didn't hear anything.", 'How can I help you today?']);
      expect((await call.say(null)).lines).toEqual(["Sorry, I didn't hear anything.", 'I can connect you with someone at Bright Smiles Dental, or take a message. Which would you prefer?']);
      const third = await call.say(null);
      expect(third.status).toBe('ringing-owner');
    });

    it('gibberish twice: offers a person or a message, and "a message" takes one', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      expect((await call.say('blorp zzz flibber')).lines).toEqual(["I'm sorry, I didn't quite get that.", 'How can I help you today?']);
      expect((await call.say('wug wug snorf')).lines[1]).toBe('I can connect you with someone at Bright Smiles Dental, or take a message. Which would you prefer?');
      expect((await call.say('a message please')).lines[0]).toMatch(/^Of course. Please tell me your message/);
    });

    it('a turn cap ends any loop politely by connecting the owner', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      for (let i = 0; i < 8; i++) expect((await call.say('what are your hours')).status).toBe('listening');
      const capped = await call.say('what are your hours');
      expect(capped.status).toBe('ringing-owner');
      expect(capped.lines[0]).toBe("I'm sorry we haven't been able to sort this out.");
    });

    it('an unknown number hears one polite sentence and a hang-up', async () => {
      const call = phoneCall(t, '+19995550123', newCaller());
      const answer = await call.dial();
      expect(answer.status).toBe('ended');
      expect(answer.lines).toHaveLength(1);
      expect(answer.twiml).toMatch(/<Hangup\/>/);
    });

    it('the state store going down mid-call puts the caller through to the owner, with valid TwiML', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      store.broken = true;
      const next = await call.say('I want to book tomorrow at 2');
      expect(next.status).toBe('ringing-owner');
      expect(next.twiml).toMatch(/<Number>\+12125550142<\/Number>/);
    });

    it('a retried greeting gets the same greeting and logs nothing twice; a call logged before Rachel held a conversation for it is greeted', async () => {
      const from = newCaller();
      const call = phoneCall(t, rachelNumber, from);
      const greeting = await call.dial();
      const ringing = (callSid: string) => ({ AccountSid: `AC${'0'.repeat(32)}`, CallSid: callSid, From: from, To: rachelNumber, CallStatus: 'ringing', Direction: 'inbound' });
      expect(await call.send(`${PUBLIC_BASE}/voice/webhook/voice`, ringing(call.callSid))).toEqual({ status: 200, body: greeting.twiml });
      expect(await logged(call.callSid)).toEqual({ calls: 1, lines: greeting.lines.length });
      // Logged already (its status callback overtook the greeting, say), with no conversation stored.
      const overtaken = `CA${randomBytes(16).toString('hex')}`;
      await t.dataSource.query(`INSERT INTO calls (client_id, twilio_call_sid, direction, from_number, to_number, status) VALUES ($1, $2, 'inbound', $3, $4, 'ringing')`, [tenant.clientId, overtaken, from, rachelNumber]);
      const greeted = await call.send(`${PUBLIC_BASE}/voice/webhook/voice`, ringing(overtaken));
      expect(greeted).toEqual({ status: 200, body: greeting.twiml });
      expect(await logged(overtaken)).toEqual({ calls: 1, lines: greeting.lines.length });
    });

    it('with Redis down the owner takes the call before billing is asked, so nothing can be charged for it', async () => {
      const from = newCaller();
      const call = phoneCall(t, rachelNumber, from);
      store.broken = true;
      const answer = await call.dial();
      expect(answer.status).toBe('ringing-owner');
      expect(answer.twiml).toMatch(/<Number>\+12125550142<\/Number>/);
      expect(admission.admissions).not.toContain(call.callSid);
      expect(await logged(call.callSid)).toEqual({ calls: 1, lines: 0 });
    });

    it('a retried webhook of a turn gets the same answer and does not advance the dialogue', async () => {
      const from = newCaller();
      const call = phoneCall(t, rachelNumber, from);
      await call.dial();
      const turnUrl = call.pendingUrl!;
      const first = await call.say('book me for Thursday at 3 pm');
      const retried = await call.retryLast('book me for Thursday at 3 pm', turnUrl);
      expect(retried.body).toBe(first.twiml);
      const nameTurn = call.pendingUrl!;
      await call.say('Jo Park');
      const yesTurn = call.pendingUrl!;
      const booked = await call.say('yes');
      // Twilio re-sends the "yes" and the name turn: nothing is booked twice, the answers repeat.
      expect((await call.retryLast('yes', yesTurn)).body).toBe(booked.twiml);
      expect((await call.retryLast('Jo Park', nameTurn)).status).toBe(200);
      expect(await appointmentsOf(from)).toHaveLength(1);
      const lines = await t.dataSource.query(`SELECT count(*)::int AS n FROM call_turns WHERE call_id = $1 AND speaker = 'caller'`, [(await callRecord(call.callSid)).id]);
      expect(lines[0].n).toBe(3);
    });
  });

  describe('holds', () => {
    it('an offered slot is refused to a dashboard booking (409) until the call hangs up, then it is free', async () => {
      const { call, offered } = await callAndBookName(newCaller(), 'Can I book Friday at 2 pm?');
      expect(offered.lines[0]).toBe('Friday, December 4th at 2 PM is available.');
      const refused = await bookViaApi('+12025550177', '2026-12-04', '14:00').expect(409);
      expect(refused.body.error.code).toBe('conflict');
      // Another caller is not offered it either.
      const { offered: other } = await callAndBookName(newCaller(), 'Can I book Friday at 2 pm?');
      expect(other.lines[0]).toBe("I'm sorry, 2 PM on Friday, December 4th is already taken.");
      await call.hangUp('completed');
      expect(await callRecord(call.callSid)).toMatchObject({ outcome: 'abandoned', status: 'completed' });
      await bookViaApi('+12025550177', '2026-12-04', '14:00').expect(201);
    });

    it('two calls racing for one slot: the database lets exactly one hold it', async () => {
      const holds = t.app.get(SlotHolds);
      const db = t.app.get(TenantDatabase);
      const startsAt = new Date('2026-12-09T15:00:00Z');
      const endsAt = new Date('2026-12-09T15:30:00Z');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => db.run(tenant.clientId, () => holds.hold(`CA${String(i).padStart(32, '0')}`, startsAt, endsAt, 5))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await t.dataSource.query(`SELECT call_sid FROM slot_holds WHERE client_id = $1 AND starts_at = $2`, [tenant.clientId, startsAt]);
      expect(rows).toHaveLength(1);
      await db.run(tenant.clientId, () => holds.release(rows[0].call_sid));
    });

    it('a hold expires on its own after the hold time', async () => {
      const { offered } = await callAndBookName(newCaller(), 'Can I book Friday at 3 pm?');
      expect(offered.lines[0]).toBe('Friday, December 4th at 3 PM is available.');
      await bookViaApi('+12025550178', '2026-12-04', '15:00').expect(409);
      clock.advance(6 * 60_000);
      try {
        await bookViaApi('+12025550178', '2026-12-04', '15:00').expect(201);
      } finally {
        clock.set(new Date('2026-11-30T15:00:00Z'));
      }
    });
  });

  describe('routing and billing', () => {
    it('Rachel off: the owner is dialled; busy → the caller may leave a voicemail', async () => {
      await t.dataSource.query(`UPDATE clients SET rachel_enabled = FALSE WHERE id = $1`, [tenant.clientId]);
      try {
        const from = newCaller();
        const call = phoneCall(t, rachelNumber, from);
        const answer = await call.dial();
        expect(answer.status).toBe('ringing-owner');
        expect(answer.twiml).not.toMatch(/<Gather/);
        expect((await call.ownerLine('busy')).status).toBe('recording');
        await call.leaveVoicemail(9);
        expect(await callRecord(call.callSid)).toMatchObject({ outcome: 'voicemail', recording_sid: expect.stringMatching(/^RE/) });
        await eventually(async () => (await t.dataSource.query(`SELECT 1 FROM messages WHERE purpose = 'owner_alert' AND body LIKE $1`, [`%${from}%`]))[0], 'owner text');
      } finally {
        await t.dataSource.query(`UPDATE clients SET rachel_enabled = TRUE WHERE id = $1`, [tenant.clientId]);
      }
    });

    it('a call billing does not admit goes to the owner, without Rachel', async () => {
      admission.admitted = false;
      const call = phoneCall(t, rachelNumber, newCaller());
      const answer = await call.dial();
      expect(answer.status).toBe('ringing-owner');
      expect(answer.twiml).not.toMatch(/<Gather/);
      expect(admission.admissions).toContain(call.callSid);
    });

    it('with under 30 paid seconds left Rachel wraps up and connects the owner instead of being cut off', async () => {
      const call = phoneCall(t, rachelNumber, newCaller());
      await call.dial();
      admission.seconds = 12;
      const wrap = await call.say('I want to book tomorrow at 2');
      expect(wrap.lines[0]).toBe("I'm sorry, I have to wrap up this call now.");
      expect(wrap.status).toBe('ringing-owner');
    });
  });
});
