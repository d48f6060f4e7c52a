import { routesOf } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, registrationBody, type TestTenant } from '../support/tenants';

const TEN_KB = 'x'.repeat(10 * 1024);
const SQL = "'; DROP TABLE users; --";

type Case = [label: string, body: Record<string, unknown>, field: string];

/** Every required field missing, and every field given a wrong type, an oversized value or garbage. */
function corpus(valid: Record<string, unknown>, badValues: Record<string, unknown[]>, required: string[]): Case[] {
  const cases: Case[] = required.map((field) => {
    const body = { ...valid };
    delete body[field];
    return [`missing ${field}`, body, field];
  });
  for (const [field, values] of Object.entries(badValues)) {
    for (const value of values) {
      const shown = typeof value === 'string' && value.length > 40 ? `${value.length}-char string` : JSON.stringify(value);
      cases.push([`${field} = ${shown}`, { ...valid, [field]: value }, field]);
    }
  }
  return cases;
}

const WRONG_TYPES = [42, true, null, ['a'], { $ne: '' }];

describe('bad input is a 400 naming the field, never a 500', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await registerTenant(t.http);
  });
  afterAll(() => t.close());

  const expectNamed = (res: { status: number; body: { error?: { fields?: Array<{ field: string }> } } }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error?.fields?.map((f) => f.field)).toContain(field);
  };

  describe('POST /api/auth/register', () => {
    const valid = registrationBody();
    it.each(
      corpus(
        valid,
        {
          email: [...WRONG_TYPES, '', 'not-an-email', `${TEN_KB}@example.com`, SQL],
          password: [...WRONG_TYPES, 'short', '12345678901', TEN_KB],
          first_name: [...WRONG_TYPES, '', '   ', TEN_KB],
          last_name: [...WRONG_TYPES, TEN_KB],
          business_name: [...WRONG_TYPES, '', TEN_KB],
          business_phone: [...WRONG_TYPES, '', '123', '555-1234', '(156) 600-1400', '+1 656 600 14000', TEN_KB, SQL],
          owner_phone: [42, 'call me', SQL],
          owner_email: [42, 'nope', SQL],
          timezone: [42, 'Mars/Olympus', 'EST; DROP TABLE clients', TEN_KB],
          area_code: [656, '65', '156', 'abc'],
          website_url: ['ftp://x.example', 'javascript:alert(1)', 42],
          business_type: [42, TEN_KB],
        },
        ['email', 'password', 'first_name', 'last_name', 'business_name', 'business_phone'],
      ),
    )('%s', async (_label, body, field) => {
      expectNamed(await t.http.post('/api/auth/register').send(body), field);
    });

    it('refuses unknown fields, naming them', async () => {
      expectNamed(await t.http.post('/api/auth/register').send({ ...registrationBody(), role: 'admin' }), 'role');
    });

    it('stores SQL-looking free text literally', async () => {
      const res = await t.http.post('/api/auth/register').send(registrationBody({ business_name: SQL, first_name: "O'Brien" })).expect(201);
      expect(res.body.client.business_name).toBe(SQL);
      expect((await t.dataSource.query(`SELECT COUNT(*)::int AS n FROM users`))[0].n).toBeGreaterThan(0);
    });
  });

  describe('POST /api/auth/login', () => {
    it.each(
      corpus({ email: 'someone@example.com', password: 'whatever-it-is' }, { email: [...WRONG_TYPES, '', TEN_KB, SQL], password: [...WRONG_TYPES, '', TEN_KB] }, [
        'email',
        'password',
      ]),
    )('%s', async (_label, body, field) => {
      expectNamed(await t.http.post('/api/auth/login').send(body), field);
    });
  });

  describe('PATCH /api/client/:client_id', () => {
    it.each(
      corpus(
        {},
        {
          custom_greeting: [42, null, TEN_KB],
          business_hours_start: ['9am', '25:00', '09:60', '9:00', 900, SQL],
          business_hours_end: ['5pm', '24:00', 1700],
          business_days: ['Weekdays', 'Mon-', 'Mo-Fr', '', 42, SQL, TEN_KB],
          timezone: ['Mars/Olympus', 'EST; DROP TABLE clients', 42, ''],
          appointment_duration: [0, 4, 481, 30.5, '30', null],
          booking_enabled: ['yes', 1, null],
          sms_notifications: ['true', 0],
          owner_phone: ['call me', '123', SQL, 42],
          owner_email: ['nope', SQL, 42],
          business_name: ['', TEN_KB, 42],
          ringlypro_number: ['+18886103810'],
          forwarding_status: ['active'],
          id: [7],
        },
        [],
      ),
    )('%s', async (_label, body, field) => {
      expectNamed(await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send(body), field);
    });

    it('refuses business hours that end before they start, naming the field', async () => {
      expectNamed(await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ business_hours_start: '18:00' }), 'business_hours_start');
      expectNamed(await t.http.patch(`/api/client/${tenant.clientId}`).set(tenant.auth).send({ business_hours_start: '10:00', business_hours_end: '09:00' }), 'business_hours_end');
    });
  });

  describe('contacts', () => {
    it.each(
      corpus(
        { first_name: 'Ava', last_name: 'Nguyen', phone: '(656) 555-0101' },
        { first_name: [...WRONG_TYPES, '', TEN_KB], last_name: [42, TEN_KB], phone: [...WRONG_TYPES, 'call me', SQL], email: ['nope', 42, SQL], status: ['vip', 42], notes: [42] },
        ['first_name', 'last_name', 'phone'],
      ),
    )('POST %s', async (_label, body, field) => {
      expectNamed(await t.http.post('/api/contacts').set(tenant.auth).send(body), field);
    });

    it.each([
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['page_size=1000', 'page_size'],
      [`q=${'x'.repeat(200)}`, 'q'],
      ['sort=name', 'sort'],
    ])('GET ?%s', async (query, field) => {
      expectNamed(await t.http.get(`/api/contacts?${query}`).set(tenant.auth), field);
    });
  });

  /**
   * Every route the app serves (read from its router, so new endpoints join automatically), with
   * hostile ids, query strings, bodies and content types: whatever the answer, never a 5xx.
   */
  describe('every route, hostile input', () => {
    const HOSTILE_IDS = ['0x10', '1e1', '1.0', '%201', '-1', '0', '2147483648', '99999999999', '%00', '%ED%A0%80', 'x'.repeat(300)];
    const HOSTILE_QUERIES = [
      'from=2026-02-30&to=0000-00-00',
      'from=2026-13-45&date=9999-12-31',
      'page=%00&page_size=1e1',
      'q=%ED%A0%80&phone=%00',
      'date=0000-00-00&duration=0x10',
      'x[y][z]=1&page=2147483648',
    ];
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const HOSTILE_BODIES: Array<[contentType: string, body: string]> = [
      ['application/json', JSON.stringify({ first_name: 'A\u0000B', notes: 'x', appointment_id: 1, to: '+16565550101', body: '\u0000' })],
      ['application/json', '{"first_name":"\\ud800","body":"\\udc00","timezone":"\\ud83d"}'],
      ['application/json', deep(5_000)],
      ['application/json', '[]'],
      ['application/json', 'null'],
      ['application/json', JSON.stringify({ appointment_id: 2147483648, appointment_date: '0000-00-00', timezone: 'US/Pacific-New', duration: 1e308 })],
      ['application/json', JSON.stringify({ email: null, first_name: null, phone: null, rachel_enabled: null })],
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'To=%00&From=%ED%A0%80&To=%2B1'],
    ];

    it('answers every route, verb and hostile input without a 5xx', async () => {
      const routes = routesOf(t.app);
      expect(routes.length).toBeGreaterThan(30);
      const failures: string[] = [];
      const check = async (label: string, send: () => Promise<{ status: number }>) => {
        const { status } = await send();
        if (status >= 500 && !(label.includes('/health') && status === 503)) failures.push(`${status} ${label}`);
      };
      for (const { method, path } of routes) {
        const withIds = (id: string) => path.replace(/:[A-Za-z_]+/g, id);
        for (const id of path.includes(':') ? HOSTILE_IDS : []) {
          await check(`${method} ${withIds(id)}`, () => t.http[method](withIds(id)).set(tenant.auth));
        }
        const plain = withIds(String(tenant.clientId));
        for (const query of HOSTILE_QUERIES) await check(`${method} ${plain}?${query}`, () => t.http[method](`${plain}?${query}`).set(tenant.auth));
        if (method === 'get' || method === 'delete') continue;
        for (const [type, body] of HOSTILE_BODIES) {
          await check(`${method} ${plain} ${type} ${body.slice(0, 60)}`, () => t.http[method](plain).set(tenant.auth).set('Content-Type', type).send(body));
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  });
});
