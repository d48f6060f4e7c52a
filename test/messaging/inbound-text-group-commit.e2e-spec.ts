import { GroupCommitter } from '@ringlypro/core';
import { inboundTextsStatement, type InboundText } from '@ringlypro/messaging';
import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';
import { twilioSignature } from '../fakes/twilio-signing';

const PUBLIC_BASE = 'https://hooks.ringlypro.example.com';
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
const sid = () => 'SM' + randomBytes(16).toString('hex');
const text = (messageSid = sid()): InboundText => ({ sid: messageSid, from: '+13105550199', to: '+12125550100', body: 'Do you have parking nearby?' });

/**
 * Issue 12: a customer's ordinary text (no keyword) is only kept, so concurrent SMS webhooks'
 * rows are group-committed — each committed before its webhook answers, each under its own
 * business's row-level security — while keywords keep their own transaction (they act once).
 */
describe('inbound texts group commit', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  const numbers = new Map<number, string>();

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    for (const tenant of [a, b]) {
      numbers.set(tenant.clientId, await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning'));
    }
  });
  afterAll(() => t.close());

  function textIn(tenant: TestTenant, messageSid: string, body = 'Do you have parking nearby?') {
    const params = { AccountSid: 'AC' + '0'.repeat(32), MessageSid: messageSid, SmsSid: messageSid, From: '+13105550199', To: numbers.get(tenant.clientId)!, Body: body, NumMedia: '0' };
    return t.http.post('/sms/webhook').type('form').set('X-Twilio-Signature', twilioSignature(t.config.webhookSigningToken, `${PUBLIC_BASE}/sms/webhook`, params)).send(params);
  }
  const stored = async (sids: string[]) =>
    new Map(((await t.dataSource.query(`SELECT twilio_sid, client_id FROM messages WHERE twilio_sid = ANY($1)`, [sids])) as Array<{ twilio_sid: string; client_id: number }>).map((r) => [r.twilio_sid, r.client_id]));

  it('keeps 40 concurrent texts to two businesses, each under its own business, answered with an empty reply', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => ({ tenant: i % 2 ? a : b, messageSid: sid() }));
    const answers = await Promise.all(texts.map((x) => textIn(x.tenant, x.messageSid)));
    expect(answers.map((r) => [r.status, r.text])).toEqual(texts.map(() => [200, EMPTY]));
    const rows = await stored(texts.map((x) => x.messageSid));
    for (const x of texts) expect(rows.get(x.messageSid)).toBe(x.tenant.clientId);
    const [row] = await t.dataSource.query(`SELECT direction, status, purpose, body, from_number FROM messages WHERE twilio_sid = $1`, [texts[0].messageSid]);
    expect(row).toEqual({ direction: 'inbound', status: 'received', purpose: 'inbound', body: 'Do you have parking nearby?', from_number: '+13105550199' });
  });

  it('has committed the text by the time the webhook answers', async () => {
    for (let i = 0; i < 5; i++) {
      const messageSid = sid();
      await textIn(a, messageSid).expect(200);
      expect((await stored([messageSid])).get(messageSid)).toBe(a.clientId);
    }
  });

  it('keeps hostile text exactly as sent through the one-message batch: quotes, backslashes, SQL, surrogates', async () => {
    const bodies = ["O'Brien's \\ \\' back\\slash", "'); DELETE FROM messages; --", '$1 $2 E\'x\'', '😀 ¿Mañana? \ud800 lone', 'x'.repeat(1600)];
    const texts = bodies.map((body) => ({ body, messageSid: sid() }));
    const answers = await Promise.all(texts.map((x) => textIn(a, x.messageSid, x.body)));
    expect(answers.map((r) => r.status)).toEqual(texts.map(() => 200));
    const rows: Array<{ twilio_sid: string; body: string }> = await t.dataSource.query(`SELECT twilio_sid, body FROM messages WHERE twilio_sid = ANY($1)`, [texts.map((x) => x.messageSid)]);
    const kept = new Map(rows.map((r) => [r.twilio_sid, r.body]));
    // A lone surrogate cannot travel as UTF-8: it arrives as U+FFFD, as with any other request.
    for (const x of texts) expect(kept.get(x.messageSid)).toBe(x.body.replace('\ud800', '\ufffd'));
  });

  it('keeps a MessageSid delivered twice at once (Twilio retry) once', async () => {
    const messageSid = sid();
    await Promise.all([textIn(a, messageSid), textIn(a, messageSid), textIn(a, messageSid)]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE twilio_sid = $1`, [messageSid]);
    expect(n).toBe(1);
  });

  it('still answers a keyword (HELP) with its reply, kept once with the reply', async () => {
    const messageSid = sid();
    const answer = await textIn(b, messageSid, 'help').expect(200);
    expect(answer.text).toContain('<Message>');
    expect((await stored([messageSid])).get(messageSid)).toBe(b.clientId);
  });

  it("refuses, under row-level security, a fast-path text written in another business's name — and only that caller fails", async () => {
    const hostile = (clientId: number, rows: InboundText[]) => {
      const target = rows.some((r) => r.sid.endsWith('ffff')) ? (clientId === a.clientId ? b.clientId : a.clientId) : clientId;
      return inboundTextsStatement(target, rows);
    };
    const committer = new GroupCommitter<InboundText>(t.dataSource, hostile);
    const good = [text(), text()];
    const bad = text('SM' + randomBytes(14).toString('hex') + 'ffff');
    const results = await Promise.allSettled([committer.write(a.clientId, good[0]), committer.write(a.clientId, bad), committer.write(b.clientId, good[1])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/row-level security/);
    const rows = await stored([...good, bad].map((r) => r.sid));
    expect([rows.get(good[0].sid), rows.get(bad.sid), rows.get(good[1].sid)]).toEqual([a.clientId, undefined, b.clientId]);
  });
});
