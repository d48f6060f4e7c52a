import { isDialableBusinessLine } from '@ringlypro/core';
import { randomBytes, randomInt } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';

export interface TestTenant {
  token: string;
  clientId: number;
  userId: number;
  email: string;
  password: string;
  businessPhone: string;
  auth: { Authorization: string };
}

/** A fresh, valid NANP number in the fictional 555-01XX block of a random area code. */
/** A random US/Canadian line that passes the business-line rule (no premium, non-geographic or Caribbean area). */
export function uniquePhone(): string {
  for (;;) {
    const phone = `+1${randomInt(201, 990)}555${String(randomInt(0, 10_000)).padStart(4, '0')}`;
    if (isDialableBusinessLine(phone)) return phone;
  }
}

/** The first area code from `from` on whose numbers are valid business lines (skips 456, 500, 809, 900…). */
export function dialableAreaFrom(from: number): number {
  let code = from;
  while (!isDialableBusinessLine(`+1${code}6001400`)) code++;
  return code;
}

export function registrationBody(overrides: Record<string, unknown> = {}) {
  const tag = randomBytes(4).toString('hex');
  return {
    email: `owner-${tag}@example.com`,
    password: 'correct horse battery',
    first_name: 'Dana',
    last_name: 'Reyes',
    business_name: `Acme ${tag}`,
    business_phone: uniquePhone(),
    ...overrides,
  };
}

/** Signs a new business up through the API, as a real owner would. */
export async function registerTenant(http: TestAgent, overrides: Record<string, unknown> = {}): Promise<TestTenant> {
  const body = registrationBody(overrides);
  const res = await http.post('/api/auth/register').send(body);
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: res.body.token,
    clientId: res.body.client.id,
    userId: res.body.user.id,
    email: body.email as string,
    password: body.password as string,
    businessPhone: res.body.client.business_phone,
    auth: { Authorization: `Bearer ${res.body.token}` },
  };
}
