import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '@ringlypro/tenancy';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

const EMAIL = 'dana.reyes@acme-plumbing.com';
const HASH = '$2b$12$' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0';
const PHONE = '+16566001400';

/** A handler whose SQL fails with personal data among its parameters, as a real bug would. */
@Public()
@Controller('probe-redaction')
class FailingSqlController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async fail(): Promise<never> {
    await this.dataSource.query(`SELECT $1::text AS email, $2::text AS hash, $3::text AS phone FROM table_that_does_not_exist`, [EMAIL, HASH, PHONE]);
    throw new Error('unreachable');
  }

  @Get('message')
  message(): never {
    throw new Error(`could not text ${PHONE} for ${EMAIL}`);
  }
}

@Module({ controllers: [FailingSqlController] })
class ProbeModule {}

/** Issue 11 (lower items): error_logs rows keep no SQL parameters, personal data or URL secrets. */
describe('security: log redaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ extraImports: [ProbeModule] });
  });
  afterAll(() => t.close());

  async function rowFor(requestId: string) {
    const [row] = await t.dataSource.query(`SELECT path, message, stack, context::text AS context FROM error_logs WHERE request_id = $1`, [requestId]);
    return row as { path: string; message: string; stack: string; context: string | null };
  }

  it('writes a failed query without its parameters and redacts the query string secrets', async () => {
    const res = await t.http.get('/probe-redaction?token=s3cr3t-value&page=2&email=dana.reyes%40acme-plumbing.com').expect(500);
    const row = await rowFor(res.headers['x-request-id']);
    expect(row.path).toBe('/probe-redaction?token=[redacted]&page=2&email=[email]');
    const text = JSON.stringify(row);
    for (const secret of [EMAIL, HASH, PHONE, 's3cr3t-value', 'dana.reyes%40']) expect(text).not.toContain(secret);
    expect(row.message).toMatch(/table_that_does_not_exist/);
  });

  it('masks personal data in an error message and its stack', async () => {
    const res = await t.http.get('/probe-redaction/message').expect(500);
    const row = await rowFor(res.headers['x-request-id']);
    expect(row.message).toBe('could not text [phone] for [email]');
    expect(row.stack).not.toContain(EMAIL);
    expect(row.stack).not.toContain(PHONE);
  });
});
