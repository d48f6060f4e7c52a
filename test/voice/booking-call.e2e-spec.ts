import { FixedClock } from '@ringlypro/core';
import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

// Monday 30 November 2026, 10:00 in New York: "tomorrow" is Tuesday 1 December.
const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));

describe('Rachel books an appointment on a call (signed webhooks end to end)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let rachelNumber: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    tenant = await registerTenant(t.http, { business_name: 'Bright Smiles Dental', owner_phone: '+12125550142' });
    rachelNumber = await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());

  it('greets, collects date, time and name, holds and books the slot, reads back the spelled code, and texts it', async () => {
    const call = phoneCall(t, rachelNumber);
    const greeting = await call.dial();
    expect(greeting.status).toBe('listening');
    expect(greeting.lines.join(' ')).toMatch(/How can I help you today\?/);
    expect(greeting.twiml).toMatch(/<Gather [^>]*input="speech"/);
    expect(greeting.twiml).toMatch(/speechTimeout="auto"/);
    expect(greeting.twiml).toMatch(/actionOnEmptyResult="true"/);
    expect(greeting.twiml).toMatch(/hints="Bright Smiles Dental, appointment/);
    expect(greeting.twiml).toMatch(/voice="Polly.Joanna-Neural"/);
    expect(greeting.twiml).toContain(`action="${PUBLIC_BASE}/voice/rachel/turn?turn=1"`);

    const offered = await call.say("Yeah hi, I was hoping to book an appointment for tomorrow at 2 pm");
    expect(offered.lines).toEqual(['Tuesday, December 1st at 2 PM is available.', 'May I have your name for the booking?']);
    const [hold] = await t.dataSource.query(`SELECT call_sid, starts_at FROM slot_holds WHERE client_id = $1`, [tenant.clientId]);
    expect(hold).toEqual({ call_sid: call.callSid, starts_at: new Date('2026-12-01T19:00:00Z') });

    const confirm = await call.say('My name is John Smith');
    expect(confirm.lines).toEqual(['I can book Tuesday, December 1st at 2 PM for John Smith, and text the confirmation to the number ending in 0 1 9 9. Shall I book it?']);

    const booked = await call.say('Yes please');
    const [appointment] = await t.dataSource.query(
      `SELECT id, customer_name, customer_phone, appointment_date, appointment_time, source, call_sid, confirmation_code, status FROM appointments WHERE client_id = $1`,
      [tenant.clientId],
    );
    expect(appointment).toMatchObject({
      customer_name: 'John Smith',
      customer_phone: '+13105550199',
      appointment_date: '2026-12-01',
      appointment_time: '14:00:00',
      source: 'voice_booking',
      call_sid: call.callSid,
      status: 'confirmed',
    });
    const spelled = [...appointment.confirmation_code].map((c: string) => (/[A-Z]/.test(c) ? `${c} as in ` : c));
    expect(booked.lines[0]).toBe("You're all set for Tuesday, December 1st at 2 PM.");
    expect(booked.lines[1]).toMatch(/^Your confirmation code is /);
    for (const part of spelled) expect(booked.lines[1]).toContain(part);
    expect(booked.lines.at(-1)).toBe('Is there anything else I can help you with?');
    // The hold ends with the booking.
    expect(await t.dataSource.query(`SELECT * FROM slot_holds WHERE client_id = $1`, [tenant.clientId])).toEqual([]);

    const bye = await call.say("No, that's all, thanks");
    expect(bye.status).toBe('ended');
    expect(bye.lines).toEqual(['Thank you for calling Bright Smiles Dental. Goodbye!']);
    await call.hangUp('completed');

    const [record] = await t.dataSource.query(`SELECT id, intent, outcome, appointment_id, status FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(record).toMatchObject({ intent: 'book', outcome: 'booked', appointment_id: appointment.id, status: 'completed' });
    const transcript = await t.dataSource.query(`SELECT turn, speaker, text FROM call_turns WHERE call_id = $1 ORDER BY turn, speaker, id`, [record.id]);
    // Every line Rachel said is kept, in order: the greeting's two and the booking's read-back.
    const rachelSaid = (turn: number) =>
      transcript.filter((l: { turn: number; speaker: string }) => l.turn === turn && l.speaker === 'rachel').map((l: { text: string }) => l.text);
    expect(rachelSaid(0)).toEqual(greeting.lines);
    expect(rachelSaid(3)).toEqual(booked.lines);
    expect(transcript.filter((l: { speaker: string }) => l.speaker === 'caller').map((l: { text: string }) => l.text)).toEqual([
      "Yeah hi, I was hoping to book an appointment for tomorrow at 2 pm",
      'My name is John Smith',
      'Yes please',
      "No, that's all, thanks",
    ]);
    // The existing confirmation job texts the code.
    const text = await eventually(
      async () => (await t.dataSource.query(`SELECT body, status FROM messages WHERE appointment_id = $1 AND purpose = 'confirmation'`, [appointment.id]))[0],
      'confirmation text',
    );
    expect(text.body).toContain(appointment.confirmation_code);
  });
});
