import { FixedClock } from '@ringlypro/core';
import { CODE_ALPHABET } from '@ringlypro/booking';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

// Monday 2026-06-08, 08:15 in New York: 09:00 today is within the 60-minute notice.
const NOW = new Date('2026-06-08T12:15:00Z');

describe('appointments API', () => {
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tenant = await registerTenant(t.http, { business_phone: '(656) 600-2000' });
    await eventually(async () => (await t.http.get(`/api/client/rachel-status/${tenant.clientId}`).set(tenant.auth)).body.ringlypro_number, 'provisioning');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  const book = (body: Record<string, unknown>, who = tenant) =>
    t.http.post('/api/appointments').set(who.auth).send({ customer_name: 'Ava Nguyen', customer_phone: '(656) 555-0101', ...body });

  it('lists a day of slots in the business zone with their UTC instants', async () => {
    const res = await t.http.get('/api/appointments/availability?date=2026-06-09').set(tenant.auth).expect(200);
    expect(res.body).toMatchObject({ timezone: 'America/New_York', duration: 30, from: '2026-06-09', to: '2026-06-09' });
    expect(res.body.slots).toHaveLength(16);
    expect(res.body.slots[0]).toEqual({ date: '2026-06-09', time: '09:00', starts_at: '2026-06-09T13:00:00.000Z', ends_at: '2026-06-09T13:30:00.000Z', duration: 30 });
    expect((await t.http.get('/api/appointments/availability?date=2026-06-13').set(tenant.auth)).body.slots).toEqual([]);
  });

  it('lists a range of at most 31 days, and refuses more, naming the field', async () => {
    const week = await t.http.get('/api/appointments/availability?from=2026-06-08&to=2026-06-14').set(tenant.auth).expect(200);
    expect(new Set(week.body.slots.map((s: { date: string }) => s.date)).size).toBe(5);
    const tooLong = await t.http.get('/api/appointments/availability?from=2026-06-08&to=2026-07-09').set(tenant.auth).expect(400);
    expect(tooLong.body.error.fields[0].field).toBe('to');
    expect((await t.http.get('/api/appointments/availability?date=2026-02-30').set(tenant.auth).expect(400)).body.error.fields[0].field).toBe('date');
    expect((await t.http.get('/api/appointments/availability').set(tenant.auth).expect(400)).body.error.fields[0].field).toBe('date');
  });

  it('books: 201 with an unguessable code, the contact upserted and linked, the slot gone', async () => {
    const res = await book({ appointment_date: '2026-06-09', appointment_time: '10:00', customer_email: 'ava@example.com', purpose: 'Estimate' }).expect(201);
    const a = res.body.appointment;
    expect(a).toMatchObject({
      customer_phone: '+16565550101',
      appointment_date: '2026-06-09',
      appointment_time: '10:00',
      timezone: 'America/New_York',
      duration: 30,
      starts_at: '2026-06-09T14:00:00.000Z',
      ends_at: '2026-06-09T14:30:00.000Z',
      status: 'confirmed',
      source: 'manual',
      purpose: 'Estimate',
    });
    expect(a.confirmation_code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    const [contact] = await t.dataSource.query(`SELECT id, first_name, last_name, email FROM contacts WHERE client_id = $1 AND phone = '+16565550101'`, [tenant.clientId]);
    expect(contact).toMatchObject({ id: a.contact_id, first_name: 'Ava', last_name: 'Nguyen', email: 'ava@example.com' });
    const slots = (await t.http.get('/api/appointments/availability?date=2026-06-09').set(tenant.auth)).body.slots.map((s: { time: string }) => s.time);
    expect(slots).not.toContain('10:00');
    expect((await t.http.get(`/api/appointments/by-code/${a.confirmation_code}`).set(tenant.auth).expect(200)).body.appointment.id).toBe(a.id);
    // A second booking by the same customer reuses the contact.
    const again = await book({ appointment_date: '2026-06-10', appointment_time: '10:00' }).expect(201);
    expect(again.body.appointment.contact_id).toBe(a.contact_id);
  });

  it.each([
    ['a non-business day', { appointment_date: '2026-06-13', appointment_time: '10:00' }, /closed on Saturdays/],
    ['before opening', { appointment_date: '2026-06-09', appointment_time: '08:30' }, /business hours/],
    ['running past closing', { appointment_date: '2026-06-09', appointment_time: '16:45' }, /business hours/],
    ['the past', { appointment_date: '2026-06-05', appointment_time: '10:00' }, /passed/],
    ['within the minimum notice', { appointment_date: '2026-06-08', appointment_time: '09:00' }, /notice/],
    ['beyond the horizon', { appointment_date: '2026-09-01', appointment_time: '10:00' }, /days ahead/],
  ])('refuses %s with 422 explaining why', async (_label, body, message) => {
    const res = await book(body).expect(422);
    expect(res.body.error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(message) });
  });

  it('refuses a taken time with 409, by overlap and not just equal start', async () => {
    await book({ appointment_date: '2026-06-11', appointment_time: '13:00', duration: 60 }).expect(201);
    const clash = await book({ customer_phone: '656-555-0102', appointment_date: '2026-06-11', appointment_time: '13:30' }).expect(409);
    expect(clash.body.error.fields[0].field).toBe('appointment_time');
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [body, field] of [
      [{ appointment_date: '2026-06-31', appointment_time: '10:00' }, 'appointment_date'],
      [{ appointment_date: '06/09/2026', appointment_time: '10:00' }, 'appointment_date'],
      [{ appointment_date: '2026-06-09', appointment_time: '10am' }, 'appointment_time'],
      [{ appointment_date: '2026-06-09', appointment_time: '10:00', customer_phone: 'call me' }, 'customer_phone'],
      [{ appointment_date: '2026-06-09', appointment_time: '10:00', duration: 1000 }, 'duration'],
      [{ appointment_date: '2026-06-09', appointment_time: '10:00', source: 'fax' }, 'source'],
    ] as const) {
      const res = await book(body).expect(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it('reschedules by the same rules, and moves its slot', async () => {
    const a = (await book({ appointment_date: '2026-06-12', appointment_time: '09:00' }).expect(201)).body.appointment;
    const moved = await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '11:00', duration: 45 }).expect(200);
    expect(moved.body.appointment).toMatchObject({ appointment_time: '11:00', duration: 45, starts_at: '2026-06-12T15:00:00.000Z', ends_at: '2026-06-12T15:45:00.000Z' });
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_date: '2026-06-13' }).expect(422);
    const free = (await t.http.get('/api/appointments/availability?date=2026-06-12').set(tenant.auth)).body.slots.map((s: { time: string }) => s.time);
    expect(free).toContain('09:00');
    expect(free).not.toContain('11:00');
    // Its own old time does not block it.
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ appointment_time: '11:15' }).expect(200);
  });

  it('moves status only along allowed transitions; a cancelled one returns only if its time is free', async () => {
    const a = (await book({ appointment_date: '2026-06-15', appointment_time: '10:00' }).expect(201)).body.appointment;
    const cancelled = await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(200);
    expect(cancelled.body.appointment.status).toBe('cancelled');
    await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(200);
    const taker = (await book({ customer_phone: '656-555-0133', appointment_date: '2026-06-15', appointment_time: '10:00' }).expect(201)).body.appointment;
    expect((await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'confirmed' }).expect(409)).body.error.code).toBe('conflict');
    await t.http.delete(`/api/appointments/${taker.id}`).set(tenant.auth).expect(200);
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'confirmed' }).expect(200);
    // Completed only once it has started.
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'completed' }).expect(422);
    clock.set(new Date('2026-06-15T14:10:00Z'));
    await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'completed' }).expect(200);
    const stuck = await t.http.patch(`/api/appointments/${a.id}`).set(tenant.auth).send({ status: 'confirmed' }).expect(422);
    expect(stuck.body.error.message).toMatch(/completed cannot become confirmed/);
    await t.http.delete(`/api/appointments/${a.id}`).set(tenant.auth).expect(422);
  });

  it("lists today's appointments in the business's zone, and filters the list", async () => {
    // 23:30 in New York on Monday is already Tuesday in UTC: "today" is still Monday.
    clock.set(new Date('2026-06-08T13:00:00Z'));
    const booked = (await book({ customer_phone: '656-555-0150', appointment_date: '2026-06-08', appointment_time: '16:00' }).expect(201)).body.appointment;
    clock.set(new Date('2026-06-09T03:30:00Z'));
    const today = await t.http.get('/api/appointments/today').set(tenant.auth).expect(200);
    expect(today.body).toMatchObject({ date: '2026-06-08', timezone: 'America/New_York' });
    expect(today.body.appointments.map((a: { id: number }) => a.id)).toContain(booked.id);
    expect(today.body.appointments.every((a: { appointment_date: string }) => a.appointment_date === '2026-06-08')).toBe(true);
    const list = await t.http.get('/api/appointments?from=2026-06-09&to=2026-06-09&status=confirmed').set(tenant.auth).expect(200);
    expect(list.body.data.every((a: { appointment_date: string; status: string }) => a.appointment_date === '2026-06-09' && a.status === 'confirmed')).toBe(true);
    expect(list.body.pagination.total).toBe(list.body.data.length);
  });

  it('answers 404 for unknown ids and codes', async () => {
    await t.http.get('/api/appointments/999999').set(tenant.auth).expect(404);
    await t.http.get('/api/appointments/abc').set(tenant.auth).expect(404);
    await t.http.get('/api/appointments/by-code/ZZZZZZZZ').set(tenant.auth).expect(404);
  });

  it('refuses bookings when the business turned booking off', async () => {
    await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ booking_enabled: false }).expect(200);
    try {
      expect((await book({ appointment_date: '2026-06-16', appointment_time: '10:00' }).expect(422)).body.error.message).toMatch(/turned off/);
    } finally {
      await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ booking_enabled: true }).expect(200);
    }
  });
});
