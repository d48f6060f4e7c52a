import { eventually } from '../support/eventually';
import { phoneCall, PUBLIC_BASE } from '../support/rachel-phone';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant, uniquePhone } from '../support/tenants';

/**
 * Two tenants, each with data. For every tenant-owned endpoint and verb, tenant B using A's ids gets
 * 404 and A's data is unchanged; lists never include the other tenant's rows.
 * Later issues add their endpoints to ENDPOINTS.
 */
interface Ids {
  clientId: number;
  contactId: number;
  appointmentId: number;
  confirmationCode: string;
  callId: number;
}
interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (a: Ids) => string;
  body?: Record<string, unknown>;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'client profile', method: 'get', path: (a) => `/api/client/${a.clientId}` },
  { name: 'client settings', method: 'patch', path: (a) => `/api/client/${a.clientId}`, body: { custom_greeting: 'hijacked', booking_enabled: false } },
  { name: 'rachel status', method: 'get', path: (a) => `/api/client/rachel-status/${a.clientId}` },
  { name: 'contact', method: 'get', path: (a) => `/api/contacts/${a.contactId}` },
  { name: 'contact update', method: 'patch', path: (a) => `/api/contacts/${a.contactId}`, body: { first_name: 'Hijacked' } },
  { name: 'contact delete', method: 'delete', path: (a) => `/api/contacts/${a.contactId}` },
  { name: 'rachel toggle', method: 'put', path: (a) => `/api/client/rachel-status/${a.clientId}`, body: { rachel_enabled: false } },
  { name: 'number provisioning retry', method: 'post', path: (a) => `/api/client/${a.clientId}/provision` },
  { name: 'call forwarding setup', method: 'get', path: (a) => `/api/call-forwarding/setup/att/${a.clientId}` },
  { name: 'appointment', method: 'get', path: (a) => `/api/appointments/${a.appointmentId}` },
  { name: 'appointment by code', method: 'get', path: (a) => `/api/appointments/by-code/${a.confirmationCode}` },
  { name: 'appointment reschedule', method: 'patch', path: (a) => `/api/appointments/${a.appointmentId}`, body: { notes: 'hijacked' } },
  { name: 'appointment cancel', method: 'delete', path: (a) => `/api/appointments/${a.appointmentId}` },
  { name: 'appointment confirmation resend', method: 'post', path: () => '/api/messages/appointment-confirmation', body: { appointment_id: 0 } },
  { name: 'call with transcript', method: 'get', path: (a) => `/api/calls/${a.callId}` },
];

/** The next Monday–Friday at least two days out, so a 10:00 booking is always within the rules. */
function nextWeekday(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('tenant isolation matrix', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let admin: TestTenant;
  const idsOfA = {} as Ids;

  async function snapshotOfA() {
    const [client] = await t.dataSource.query(
      `SELECT custom_greeting, booking_enabled, rachel_enabled, forwarding_status, ringlypro_number, updated_at FROM clients WHERE id = $1`,
      [a.clientId],
    );
    const contacts = await t.dataSource.query(`SELECT id, first_name, updated_at FROM contacts WHERE client_id = $1 ORDER BY id`, [a.clientId]);
    const appointments = await t.dataSource.query(`SELECT id, status, notes, updated_at FROM appointments WHERE client_id = $1 ORDER BY id`, [a.clientId]);
    const messages = await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM messages WHERE client_id = $1`, [a.clientId]);
    const credit = await t.dataSource.query(`SELECT balance::text, free_minutes_used, low_balance_notified, updated_at FROM credit_accounts WHERE client_id = $1`, [a.clientId]);
    const ledger = await t.dataSource.query(`SELECT id, cost::text, credit_amount::text FROM usage_records WHERE client_id = $1 ORDER BY id`, [a.clientId]);
    const calls = await t.dataSource.query(`SELECT id, outcome, updated_at FROM calls WHERE client_id = $1 ORDER BY id`, [a.clientId]);
    const transcript = await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM call_turns WHERE client_id = $1`, [a.clientId]);
    return { client, contacts, appointments, messages, credit, ledger, calls, transcript };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { WEBHOOK_BASE_URL: PUBLIC_BASE } });
    a = await registerTenant(t.http);
    b = await registerTenant(t.http);
    admin = await registerTenant(t.http);
    const contact = await t.http.post('/api/contacts').set(a.auth).send({ first_name: 'Alice', last_name: 'OfA', phone: uniquePhone(), email: 'alice@a.example' }).expect(201);
    await t.http.post('/api/contacts').set(b.auth).send({ first_name: 'Bob', last_name: 'OfB', phone: uniquePhone(), email: 'bob@b.example' }).expect(201);
    const booking = await t.http
      .post('/api/appointments')
      .set(a.auth)
      .send({ customer_name: 'Alice OfA', customer_phone: uniquePhone(), appointment_date: nextWeekday(), appointment_time: '10:00' })
      .expect(201);
    Object.assign(idsOfA, {
      clientId: a.clientId,
      contactId: contact.body.contact.id,
      appointmentId: booking.body.appointment.id,
      confirmationCode: booking.body.appointment.confirmation_code,
    });
    ENDPOINTS.find((e) => e.name === 'appointment confirmation resend')!.body = { appointment_id: booking.body.appointment.id };
    // The confirmation text is sent on the queue; let it land so A's message count is stable.
    await eventually(async () => (await t.dataSource.query(`SELECT confirmation_sent FROM appointments WHERE id = $1`, [idsOfA.appointmentId]))[0].confirmation_sent, 'confirmation');
    // Provisioning runs on the queue; let it finish so A's snapshot only changes if B changes it.
    for (const tenant of [a, b]) {
      await eventually(async () => (await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [tenant.clientId]))[0].ringlypro_number, 'provisioning');
    }
    // A caller asks A's Rachel about the hours: A has a call with a transcript.
    const [{ ringlypro_number: numberOfA }] = await t.dataSource.query(`SELECT ringlypro_number FROM clients WHERE id = $1`, [a.clientId]);
    const call = phoneCall(t, numberOfA, '+13105550111');
    await call.dial();
    await call.say('What are your hours? Alice OfA asking');
    idsOfA.callId = (await t.dataSource.query(`SELECT id FROM calls WHERE twilio_call_sid = $1`, [call.callSid]))[0].id;
  });
  afterAll(() => t.close());

  it.each(ENDPOINTS)("$method $name: tenant B using A's ids gets 404 and A's data is unchanged", async ({ method, path, body }) => {
    const before = await snapshotOfA();
    const req = t.http[method](path(idsOfA)).set(b.auth);
    const res = await (body ? req.send(body) : req);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, error: { code: 'not_found' } });
    expect(JSON.stringify(res.body)).not.toMatch(/Alice|OfA/);
    expect(await snapshotOfA()).toEqual(before);
  });

  it('404s the same for an id that does not exist at all, so existence is never confirmed', async () => {
    const missing = await t.http.get('/api/client/999999').set(b.auth).expect(404);
    const foreign = await t.http.get(`/api/client/${a.clientId}`).set(b.auth).expect(404);
    expect(missing.body.error).toEqual(foreign.body.error);
    const missingContact = await t.http.get('/api/contacts/999999').set(b.auth).expect(404);
    const foreignContact = await t.http.get(`/api/contacts/${idsOfA.contactId}`).set(b.auth).expect(404);
    expect(missingContact.body.error).toEqual(foreignContact.body.error);
  });

  it("never lists the other tenant's appointments or messages", async () => {
    expect((await t.http.get('/api/appointments').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/api/messages').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/api/calls').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/api/calls').set(a.auth).expect(200)).body.data).toHaveLength(1);
    expect((await t.http.get('/api/appointments/today').set(b.auth).expect(200)).body.appointments).toEqual([]);
  });

  it("never lists the other tenant's rows", async () => {
    const listB = await t.http.get('/api/contacts').set(b.auth).expect(200);
    expect(listB.body.data.map((c: { first_name: string }) => c.first_name)).toEqual(['Bob']);
    const searchB = await t.http.get('/api/contacts?q=alice').set(b.auth).expect(200);
    expect(searchB.body.data).toEqual([]);
    expect(searchB.body.pagination.total).toBe(0);
  });

  it('lets each tenant reach its own data through the same endpoints', async () => {
    // A: 2xx everywhere, except retrying provisioning of a number that already exists (409).
    for (const { name, method, path, body } of ENDPOINTS.filter((e) => e.method !== 'delete')) {
      const req = t.http[method](path(idsOfA)).set(a.auth);
      const res = await (body ? req.send(body) : req);
      expect([name, res.status]).toEqual([name, name === 'number provisioning retry' ? 409 : name === 'appointment confirmation resend' ? 202 : 200]);
    }
  });

  describe('credits', () => {
    beforeAll(async () => {
      // A has a ledger: a test credit and a manual call charge.
      await t.http.post('/api/credits/test/add-credits').set(a.auth).send({ amount: '12.00' }).expect(201);
      await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.userId]);
      await t.http.post('/api/credits/track-usage').set(admin.auth).send({ client_id: a.clientId, usage_type: 'voice_call', call_sid: 'CAofA', duration_seconds: 90 }).expect(200);
    });

    it("never shows B A's balance, ledger or daily totals", async () => {
      const balance = await t.http.get('/api/credits/balance').set(b.auth).expect(200);
      expect(balance.body).toMatchObject({ balance: '0.00', free_minutes: { used: 0 }, total_minutes_used: 0 });
      const usage = await t.http.get('/api/credits/usage').set(b.auth).expect(200);
      expect(usage.body.data).toEqual([]);
      expect(usage.body.pagination.total).toBe(0);
      const daily = await t.http.get('/api/credits/usage/daily').set(b.auth).expect(200);
      expect(daily.body.days.every((d: { calls: number; credits: string }) => d.calls === 0 && d.credits === '0.00')).toBe(true);
      // A sees its own (its confirmation texts are metered too).
      const ofA = (await t.http.get('/api/credits/usage?page_size=100').set(a.auth).expect(200)).body.data as Array<{ call_sid: string | null; source: string }>;
      expect(ofA.some((e) => e.call_sid === 'CAofA')).toBe(true);
      expect(ofA.some((e) => e.source === 'test')).toBe(true);
    });

    it.each([
      ['test credits', () => t.http.post('/api/credits/test/add-credits').set(b.auth).send({ amount: '5.00' }), 201],
      ['checkout (Stripe unconfigured here)', () => t.http.post('/api/credits/checkout').set(b.auth).send({ amount: 20 }), 503],
      ["track-usage naming A's client", () => t.http.post('/api/credits/track-usage').set(b.auth).send({ client_id: a.clientId, usage_type: 'voice_call', call_sid: 'CAbyB', duration_seconds: 60 }), 403],
      ["an adjustment of A's credit", () => t.http.post(`/api/credits/${a.clientId}/adjustments`).set(b.auth).send({ kind: 'refund', amount: '50.00', reason: 'hijack' }), 403],
    ])("B's %s never touches A's credit", async (_label, send, status) => {
      const before = await snapshotOfA();
      expect((await send()).status).toBe(status);
      expect(await snapshotOfA()).toEqual(before);
    });
  });

  it('keeps phone and email unique per business only: B may add A’s customer too', async () => {
    const [alice] = await t.dataSource.query(`SELECT phone, email FROM contacts WHERE id = $1`, [idsOfA.contactId]);
    await t.http.post('/api/contacts').set(b.auth).send({ first_name: 'Alice', last_name: 'AtB', phone: alice.phone, email: alice.email }).expect(201);
    const again = await t.http.post('/api/contacts').set(a.auth).send({ first_name: 'Alice', last_name: 'Again', phone: alice.phone }).expect(409);
    expect(again.body.error.fields).toEqual([{ field: 'phone', message: expect.any(String) }]);
  });
});
