import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { ConflictError } from '@ringlypro/core';
import { Public } from '@ringlypro/tenancy';
import { IsEmail, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

class ProbeDto {
  @IsEmail() email: string;
  @IsInt() @Min(5) @Max(480) appointment_duration: number;
  @IsString() @MinLength(2) business_name: string;
}

/** Routes that fail in each of the ways a real handler can, to exercise the global filter. */
@Public()
@Controller('probe')
class ProbeController {
  @Get('crash')
  crash(): never {
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432 while running SELECT password_hash FROM users');
  }

  @Get('sql')
  sql(): never {
    throw new QueryFailedError('SELECT * FROM secret_table', [], Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' }));
  }

  @Get('conflict')
  conflict(): never {
    throw new ConflictError('That email is already registered', 'email');
  }

  @Post('validate')
  validate(@Body() body: ProbeDto) {
    return { received: body.business_name };
  }

  @Get('list')
  list() {
    return [{ id: 1 }];
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP errors and envelope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ extraImports: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('turns an unexpected error into a 500 with only a request id and generic text, and logs the details', async () => {
    const res = await t.http.get('/probe/crash').expect(500);
    expect(res.body).toEqual({
      success: false,
      error: { code: 'internal_error', message: expect.stringMatching(/^An unexpected error occurred/) },
      request_id: res.headers['x-request-id'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|password_hash|SELECT|at /);
    const [logged] = await t.dataSource.query(`SELECT * FROM error_logs WHERE request_id = $1`, [res.headers['x-request-id']]);
    expect(logged).toMatchObject({ source: 'http', method: 'GET', path: '/probe/crash', status_code: 500, error_name: 'Error' });
    expect(logged.message).toContain('ECONNREFUSED');
    expect(logged.stack).toContain('ProbeController.crash');
  });

  it('never shows SQL or a driver message', async () => {
    const res = await t.http.get('/probe/sql').expect(500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret_table|SELECT|relation/);
  });

  it('answers a validation failure with 400 naming every bad field', async () => {
    const res = await t.http.post('/probe/validate').send({ email: 'not-an-email', appointment_duration: 1000, business_name: 'x', extra: 1 }).expect(400);
    expect(res.body.success).toBe(false);
    expect(res.body.error.code).toBe('validation_failed');
    const fields = res.body.error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['appointment_duration', 'business_name', 'email', 'extra']);
    expect(res.body.error.message).toMatch(/email/);
  });

  it('answers a wrong JSON type with 400 naming the field, never a 500', async () => {
    const res = await t.http.post('/probe/validate').send({ email: ['a@b.co'], appointment_duration: '30', business_name: { $ne: 1 } }).expect(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['email', 'appointment_duration', 'business_name']));
  });

  it('answers malformed JSON with 400 and a plain message', async () => {
    const res = await t.http.post('/probe/validate').set('content-type', 'application/json').send('{"email": ').expect(400);
    expect(res.body.error).toEqual({ code: 'bad_request', message: 'The request body is not valid JSON' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http.post('/probe/validate').send({ business_name: 'x'.repeat(200_000) }).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('shows a domain conflict as 409 with its field', async () => {
    const res = await t.http.get('/probe/conflict').expect(409);
    expect(res.body.error).toEqual({ code: 'conflict', message: 'That email is already registered', fields: [{ field: 'email', message: 'That email is already registered' }] });
  });

  it('answers an unknown route with 404 in the same envelope', async () => {
    const res = await t.http.get('/no/such/route').expect(404);
    expect(res.body).toMatchObject({ success: false, error: { code: 'not_found' } });
  });

  it('wraps successes in the envelope: objects spread, arrays as data', async () => {
    expect((await t.http.post('/probe/validate').send({ email: 'a@b.co', appointment_duration: 30, business_name: 'Acme' }).expect(201)).body).toEqual({
      success: true,
      received: 'Acme',
    });
    expect((await t.http.get('/probe/list').expect(200)).body).toEqual({ success: true, data: [{ id: 1 }] });
  });

  it('puts x-request-id on every response, keeping a safe caller-supplied one', async () => {
    const mine = 'trace-abc-12345';
    expect((await t.http.get('/health/live').set('x-request-id', mine)).headers['x-request-id']).toBe(mine);
    const replaced = (await t.http.get('/health/live').set('x-request-id', '<script>')).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});
