import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger';
import { redactText, redactUrl } from './redaction';

const HASH = '$2b$12$' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0';

describe('log redaction', () => {
  it('masks emails, E.164 and 10-digit phones, bcrypt hashes and JWTs in text', () => {
    const text = `Key (email)=(dana@acme-plumbing.com) exists; phone +16566001400 or 6566001400; hash ${HASH}; token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl`;
    const out = redactText(text);
    for (const secret of ['dana@acme-plumbing.com', '+16566001400', '6566001400', HASH, 'eyJhbGciOiJIUzI1NiJ9']) expect(out).not.toContain(secret);
    expect(out).toContain('[email]');
  });

  it('leaves dates, times and ids alone', () => {
    expect(redactText('at 2026-11-28T17:08:23.123Z client 42 job 1764000000200')).toBe('at 2026-11-28T17:08:23.123Z client 42 job 1764000000200');
  });

  it('redacts credential-like query parameters and keeps the rest', () => {
    expect(redactUrl('/api/x?token=abc123&page=2&api_key=k&Password=p&q=nguyen')).toBe('/api/x?token=[redacted]&page=2&api_key=[redacted]&Password=[redacted]&q=nguyen');
    expect(redactUrl('/api/contacts?q=dana@example.com')).toBe('/api/contacts?q=[email]');
    expect(redactUrl('/api/contacts?q=dana%40example.com&x=1')).toBe('/api/contacts?q=[email]&x=1');
    expect(redactUrl('/api/x?%ZZ=1&token')).toBe('/api/x?%ZZ=1&token');
  });

  it("serializes a QueryFailedError without its parameters and with the driver's detail masked", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('error', sink);
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505',
      constraint: 'users_email_key',
      detail: 'Key (email)=(dana@acme-plumbing.com) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO users (email, password_hash, phone_number) VALUES ($1, $2, $3)', ['dana@acme-plumbing.com', HASH, '+16566001400'], driverError);
    logger.error({ err: error }, 'boom');
    const line = lines.join('');
    expect(line).toContain('users_email_key');
    for (const secret of ['dana@acme-plumbing.com', HASH, '+16566001400']) expect(line).not.toContain(secret);
    expect(JSON.parse(line).err.parameters).toBeUndefined();
  });
});
