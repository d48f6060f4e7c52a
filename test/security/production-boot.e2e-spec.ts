import { validateEnvironment } from '@ringlypro/core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A production environment that is complete except for what each test leaves out. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  WEBHOOK_BASE_URL: 'https://ringlypro.example.com',
  JWT_SECRET: 'k3Jd9vQ2mX7pL0sT4wZ8yB1nR6cF5gH2jA9eU3iO',
};

function boot(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    encoding: 'utf8',
    // A cold ts-node start on two shared cores can take half a minute; a config refusal exits at once after it.
    timeout: 90_000,
  });
}

/** Issue 11 items 7 and lower: production refuses to boot on a forgeable secret or on the simulator. */
describe('security: production boot', () => {
  jest.setTimeout(120_000);

  it("refuses the .env.example JWT secret, naming JWT_SECRET", () => {
    const result = boot({ ...PRODUCTION, ALLOW_TWILIO_SIMULATOR: 'true', JWT_SECRET: 'replace-with-at-least-32-random-characters' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/- JWT_SECRET: is a known placeholder/);
  });

  it('refuses the Twilio simulator unless ALLOW_TWILIO_SIMULATOR=true', () => {
    const result = boot(PRODUCTION);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/- TWILIO_ACCOUNT_SID: is required when NODE_ENV=production \(or set ALLOW_TWILIO_SIMULATOR=true/);
  });

  it('accepts the simulator in production when ALLOW_TWILIO_SIMULATOR=true', () => {
    // Checked on the configuration alone: booting further would wait on the unreachable database.
    const config = validateEnvironment({ ...PRODUCTION, ALLOW_TWILIO_SIMULATOR: 'true' });
    expect(config.twilio).toBeNull();
    expect(config.swaggerEnabled).toBe(false);
  });
});
