import { Test } from '@nestjs/testing';
import { CoreModule, QUEUE_REGISTRY, validateEnvironment } from '@ringlypro/core';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { QUEUE_REGISTRY_TOKEN } from '../../libs/core/src/queue/job-dispatcher.service';

const ROOT = join(__dirname, '..', '..');

/** Runs an entry point the way `npm start` does, with a controlled environment. */
function boot(entry: string, env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: ROOT,
    env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('boot', () => {
  it('stops the API with exit code 1 and a message naming each bad variable', () => {
    const result = boot('apps/api/src/main.ts', { NODE_ENV: 'production', PORT: 'eighty', REDIS_URL: 'localhost:6379' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    for (const name of ['PORT', 'REDIS_URL', 'JWT_SECRET', 'DATABASE_URL', 'WEBHOOK_BASE_URL']) expect(result.stderr).toMatch(new RegExp(`- ${name}: `));
    expect(result.stdout).not.toContain('listening');
  });

  it('refuses to start the worker without REDIS_URL, explaining that the API runs jobs itself', () => {
    const result = boot('apps/worker/src/main.ts', { NODE_ENV: 'test' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('REDIS_URL: is required by the worker');
  });

  it('fails to boot when a registered job has no handler', async () => {
    const config = validateEnvironment({ NODE_ENV: 'test' });
    const registry = {
      queues: QUEUE_REGISTRY.queues,
      jobs: { ...QUEUE_REGISTRY.jobs, 'orphan-job': { queue: 'maintenance', retry: { attempts: 1, backoff: { type: 'fixed' as const, delayMs: 1 } } } },
    };
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(config, { processJobs: false })] })
      .overrideProvider(QUEUE_REGISTRY_TOKEN)
      .useValue(registry)
      .compile();
    const app = moduleRef.createNestApplication();
    await expect(app.init()).rejects.toThrow('job "orphan-job" has no @JobHandler');
    await app.close().catch(() => undefined);
  });
});
