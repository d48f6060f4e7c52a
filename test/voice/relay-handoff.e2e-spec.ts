import { CallAdmission } from '@ringlypro/billing';
import { FixedClock } from '@ringlypro/core';
import { ConversationStore, MemoryConversationStore, RedisConversationStore } from '@ringlypro/voice';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { PUBLIC_BASE } from '../support/rachel-phone';
import { BreakableStore, ScriptedAdmission } from './support/conversation-seams';
import { listening, relayBusiness, relayCall } from './support/relay-call';

const clock = new FixedClock(new Date('2026-11-30T15:00:00Z'));
const prefix = `t${randomBytes(5).toString('hex')}`;
const admission = new ScriptedAdmission();
const store = new BreakableStore(process.env.REDIS_URL ? new RedisConversationStore(process.env.REDIS_URL, prefix) : new MemoryConversationStore(clock));

describe('Rachel over ConversationRelay: handing over, wrapping up, keypad and failures', () => {
  let t: TestApp;
  let base: string;
  let number: string;
  let clientId: number;

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { WEBHOOK_BASE_URL: PUBLIC_BASE, QUEUE_PREFIX: prefix },
      overrides: [
        { provide: CallAdmission, useValue: admission },
        { provide: ConversationStore, useValue: store },
      ],
    });
    base = await listening(t);
    const business = await relayBusiness(t, { business_name: 'Handover Clinic', owner_phone: '+12125550188' });
    number = business.number;
    clientId = business.tenant.clientId;
  });
  afterEach(() => {
    admission.seconds = Number.MAX_SAFE_INTEGER;
    store.broken = false;
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('"someone please": end with handoffData, billing hears the handoff, and the <Connect> action dials the owner after her line', async () => {
    const { call, relay, ended } = await relayCall(t, base, number);
    const from = relay.received.length;
    relay.prompt('Can I speak to someone please');
    expect(await relay.ended(from)).toEqual({ reason: 'owner' });
    expect(admission.handOffs).toContain(call.callSid);
    const after = await ended({ HandoffData: JSON.stringify({ reason: 'owner' }) });
    expect(after.body).toMatch(/Let me connect you with someone at Handover Clinic[\s\S]*<Dial[^>]*><Number>\+12125550188<\/Number><\/Dial>/);
    // The session is over: a late prompt changes nothing.
    relay.prompt('hello?');
    const [record] = await t.dataSource.query(`SELECT intent FROM calls WHERE twilio_call_sid = $1`, [call.callSid]);
    expect(record.intent).toBe('person');
    relay.close();
  });

  it('with under 30 paid seconds left Rachel wraps up (checked before every turn) and the owner takes over', async () => {
    const { relay, ended } = await relayCall(t, base, number);
    await relay.say('what are your hours');
    admission.seconds = 12;
    const from = relay.received.length;
    relay.prompt('I want to book tomorrow at 2');
    expect(await relay.ended(from)).toEqual({ reason: 'owner' });
    const after = await ended();
    expect(after.body).toContain("I'm sorry, I have to wrap up this call now.");
    expect(after.body).toContain('<Number>+12125550188</Number>');
    expect(await t.dataSource.query(`SELECT 1 FROM slot_holds WHERE client_id = $1`, [clientId])).toEqual([]);
    relay.close();
  });

  it('a caller with a withheld number keys in the number to text; other keys are ignored', async () => {
    const { relay } = await relayCall(t, base, number, '+266696687');
    relay.dtmf('7');
    await relay.say('book tomorrow at 10 am');
    const asked = await relay.say('my name is Ana Lopez');
    expect(asked.lines.at(-1)).toBe('What number should I text the confirmation to?');
    const from = relay.received.length;
    for (const digit of '2125550143') relay.dtmf(digit);
    const confirm = await relay.talkFrom(from);
    expect(confirm.lines[0]).toMatch(/for Ana Lopez, and text the confirmation to the number ending in 0 1 4 3\. Shall I book it\?$/);
    relay.close();
  });

  it('our store failing mid-call ends the session (never a hang), and the action puts the caller through to the owner', async () => {
    const { call, relay, ended } = await relayCall(t, base, number);
    await relay.say('what are your hours');
    store.broken = true;
    const from = relay.received.length;
    relay.prompt('I want to book tomorrow at 2');
    expect(await relay.ended(from)).toEqual({ reason: 'error' });
    expect((await relay.closed).code).toBe(1011);
    store.broken = false;
    const after = await ended({ SessionStatus: 'failed' });
    expect(after.body).toContain('<Number>+12125550188</Number>');
    // The owner has the caller from here: billing charges Rachel's part only, as when she hands over.
    expect(admission.handOffs).toContain(call.callSid);
    // Still broken when Twilio asks for the action: the caller is put through all the same, never a 5xx.
    store.broken = true;
    const stillBroken = await ended({ SessionStatus: 'failed' });
    expect(stillBroken.status).toBe(200);
    expect(stillBroken.body).toContain('<Number>+12125550188</Number>');
    store.broken = false;
    const [logged] = await t.dataSource.query(`SELECT source, path FROM error_logs WHERE path = '/voice/relay' ORDER BY id DESC LIMIT 1`);
    expect(logged).toEqual({ source: 'webhook', path: '/voice/relay' });
  });

  it('shutting down with a call on the socket closes the socket and does not hang', async () => {
    const { relay } = await relayCall(t, base, number);
    await relay.say('book tomorrow at 4 pm');
    const started = Date.now();
    closed = true;
    await t.close();
    expect((await relay.closed).code).toBe(1006);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
