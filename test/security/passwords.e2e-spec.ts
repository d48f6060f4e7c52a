import { startTestApp, type TestApp } from '../support/test-app';
import { registerTenant, registrationBody } from '../support/tenants';

/** Issue 11 (lower items): password policy, and no silent 72-byte bcrypt truncation. */
describe('security: passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['too short', 'Tr0ub4!', /at least 10 characters/],
    ['only spaces', '            ', /empty or only spaces/],
    ['all digits', '12345678901234', /all digits/],
    ['a common password', 'Password123', /too common/],
    ['a common password with spaces', 'correct horse battery staple', /too common/],
    ['one character repeated', 'aaaaaaaaaaaa', /different characters/],
    ['over 72 bytes in ASCII', 'x1'.repeat(37), /at most 72 bytes/],
    ['over 72 bytes in few characters (multi-byte)', 'пароль-секрет-'.repeat(3), /at most 72 bytes/],
  ])('refuses %s at sign-up with one 400 naming password, creating nothing', async (_label, password, message) => {
    const body = registrationBody({ password });
    const res = await t.http.post('/api/auth/register').send(body).expect(400);
    expect(res.body.error.fields).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
    expect(await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [body.email])).toEqual([]);
  });

  it('accepts a long passphrase of exactly 72 bytes, and only that exact one logs in', async () => {
    const password = 'a long passphrase that fills all of the seventy-two bytes bcrypt reads!!';
    expect(Buffer.byteLength(password)).toBe(72);
    const tenant = await registerTenant(t.http, { password });
    await t.http.post('/api/auth/login').send({ email: tenant.email, password }).expect(200);
    await t.http.post('/api/auth/login').send({ email: tenant.email, password: password.slice(0, 71) + '?' }).expect(401);
  });

  it('refuses a login password over 72 bytes with 400, so two long passwords never log in alike', async () => {
    const tenant = await registerTenant(t.http);
    const res = await t.http.post('/api/auth/login').send({ email: tenant.email, password: tenant.password + 'x'.repeat(80) }).expect(400);
    expect(res.body.error.fields).toEqual([{ field: 'password', message: expect.stringMatching(/72 bytes/) }]);
  });
});
