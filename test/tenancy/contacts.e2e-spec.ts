import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, type TestTenant } from '../support/tenants';

describe('contacts CRM', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http);
    const people = [
      ['Ava', 'Nguyen', '(656) 555-0101', 'ava@example.com'],
      ['Ben', 'Okafor', '656-555-0102', 'ben@example.com'],
      ['Carla', 'Patel', '6565550103', null],
      ['Ava', 'Zimmer', '+1 656 555 0104', 'ava.z@example.com'],
    ];
    for (const [first_name, last_name, phone, email] of people) {
      await t.http.post('/api/contacts').set(tenant.auth).send({ first_name, last_name, phone, ...(email ? { email } : {}) }).expect(201);
    }
  });
  afterAll(() => t.close());

  const names = (body: { data: Array<{ first_name: string; last_name: string }> }) => body.data.map((c) => `${c.first_name} ${c.last_name}`);

  it('creates contacts with E.164 phones and lists them by name', async () => {
    const res = await t.http.get('/api/contacts').set(tenant.auth).expect(200);
    expect(names(res.body)).toEqual(['Ava Nguyen', 'Ben Okafor', 'Carla Patel', 'Ava Zimmer']);
    expect(res.body.data[0]).toMatchObject({ phone: '+16565550101', email: 'ava@example.com', status: 'active', source: 'manual' });
    expect(res.body.pagination).toEqual({ page: 1, page_size: 20, total: 4 });
  });

  it.each([
    ['ava', ['Ava Nguyen', 'Ava Zimmer']],
    ['AVA NGUYEN', ['Ava Nguyen']],
    ['okafor', ['Ben Okafor']],
    ['555-0103', ['Carla Patel']],
    ['(656) 555-0104', ['Ava Zimmer']],
    ['ben@', ['Ben Okafor']],
    ['100%', []],
    ["'; DROP TABLE contacts; --", []],
  ])('searches ?q=%s', async (q, expected) => {
    const res = await t.http.get(`/api/contacts?q=${encodeURIComponent(q)}`).set(tenant.auth).expect(200);
    expect(names(res.body)).toEqual(expected);
  });

  it('pages', async () => {
    const page2 = await t.http.get('/api/contacts?page=2&page_size=3').set(tenant.auth).expect(200);
    expect(names(page2.body)).toEqual(['Ava Zimmer']);
    expect(page2.body.pagination).toEqual({ page: 2, page_size: 3, total: 4 });
  });

  it('reads, updates and deletes one contact', async () => {
    const created = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'Dev', last_name: 'Temp', phone: '656-555-0199' }).expect(201);
    const id = created.body.contact.id;
    expect((await t.http.get(`/api/contacts/${id}`).set(tenant.auth).expect(200)).body.contact.first_name).toBe('Dev');
    const updated = await t.http.patch(`/api/contacts/${id}`).set(tenant.auth).send({ notes: 'Called twice', email: 'DEV@example.com' }).expect(200);
    expect(updated.body.contact).toMatchObject({ notes: 'Called twice', email: 'dev@example.com', first_name: 'Dev' });
    await t.http.delete(`/api/contacts/${id}`).set(tenant.auth).expect(200);
    await t.http.get(`/api/contacts/${id}`).set(tenant.auth).expect(404);
    await t.http.delete(`/api/contacts/${id}`).set(tenant.auth).expect(404);
    await t.http.get('/api/contacts/not-a-number').set(tenant.auth).expect(404);
  });

  it('refuses a second contact with the same phone or email (case-insensitive) in the business', async () => {
    const phone = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'X', last_name: 'Y', phone: '656.555.0101' }).expect(409);
    expect(phone.body.error.fields).toEqual([{ field: 'phone', message: expect.any(String) }]);
    const email = await t.http.post('/api/contacts').set(tenant.auth).send({ first_name: 'X', last_name: 'Y', phone: '656-555-0177', email: 'AVA@example.com' }).expect(409);
    expect(email.body.error.fields).toEqual([{ field: 'email', message: expect.any(String) }]);
    const ben = (await t.http.get('/api/contacts?q=okafor').set(tenant.auth)).body.data[0];
    const clash = await t.http.patch(`/api/contacts/${ben.id}`).set(tenant.auth).send({ phone: '(656) 555-0101' }).expect(409);
    expect(clash.body.error.fields[0].field).toBe('phone');
  });
});
