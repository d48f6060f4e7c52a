import { ConfigError } from './config-error';
import { weakSecretReason } from './secret-strength';
import { validateEnvironment } from './validate-environment';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://u:p@db.example.com:5432/ringlypro',
  REDIS_URL: 'redis://cache.example.com:6379',
  WEBHOOK_BASE_URL: 'https://ringlypro-crm.onrender.com',
};

function jwtProblem(secret: string): string | undefined {
  try {
    validateEnvironment({ ...PRODUCTION, JWT_SECRET: secret });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.find((p) => p.startsWith('JWT_SECRET: '));
    throw error;
  }
  return undefined;
}

describe('JWT_SECRET strength at boot', () => {
  it('refuses the .env.example value, naming the variable', () => {
    expect(jwtProblem('replace-with-at-least-32-random-characters')).toMatch(/^JWT_SECRET: is a known placeholder/);
  });

  it.each([
    ['changeme repeated', 'changemechangemechangemechangeme'],
    ['"secret" padded', 'secret-secret-secret-secret-secret!'],
    ['your-jwt-secret plus a suffix', 'your-jwt-secret-please-change-123'],
    ['one character repeated', 'a'.repeat(40)],
    ['a short pattern repeated', 'abc123abc123abc123abc123abc123abc1'],
    ['few distinct characters', '0101010110101010011001011010011010'],
    ['digits only, in order', '12345678901234567890123456789012'],
  ])('refuses %s', (_label, secret) => {
    expect(jwtProblem(secret)).toMatch(/^JWT_SECRET: /);
  });

  it('accepts generated secrets (openssl rand -base64 36, hex)', () => {
    expect(jwtProblem('k3Jd9vQ2mX7pL0sT4wZ8yB1nR6cF5gH2jA9eU3iO')).toBeUndefined();
    expect(jwtProblem('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBeUndefined();
    for (let i = 0; i < 200; i++) {
      expect(weakSecretReason(Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex'))).toBeNull();
      const random = Buffer.from(crypto.getRandomValues(new Uint8Array(36))).toString('base64');
      expect(weakSecretReason(random)).toBeNull();
    }
  });

  it('refuses a weak secret in development too, so a copied placeholder fails before it ships', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'development', JWT_SECRET: 'replace-with-at-least-32-random-characters' })).toThrow(/JWT_SECRET: /);
  });
});

describe('TRUST_PROXY', () => {
  const parse = (value?: string) => validateEnvironment({ NODE_ENV: 'test', ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;

  it('trusts no proxy by default', () => {
    expect(parse()).toBe(false);
    expect(parse('false')).toBe(false);
  });

  it('accepts a hop count, addresses, CIDRs and the named ranges', () => {
    expect(parse('1')).toBe(1);
    expect(parse('10.0.0.0/8, 192.168.1.4, loopback, fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.4', 'loopback', 'fd00::/8']);
  });

  it.each(['true', 'everyone', '10.0.0.0/33', '300.1.1.1'])('refuses %s, naming the variable', (value) => {
    expect(() => parse(value)).toThrow(/TRUST_PROXY: /);
  });
});
