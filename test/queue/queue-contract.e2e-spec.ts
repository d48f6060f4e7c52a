import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { type JobContext, PermanentJobError, type QueueDriver } from '@ringlypro/core';
import type { QueueRegistry } from '../../libs/core/src/queue/job-definition';
import { BullQueueDriver } from '../../libs/core/src/queue/drivers/bull-queue.driver';
import { InlineQueueDriver } from '../../libs/core/src/queue/drivers/inline-queue.driver';

/**
 * One contract, both drivers: the same jobs must run with the same attempts, backoff, ids and
 * outcomes on Bull (Redis) and on the inline driver, so embedded mode behaves like production.
 */
const BACKOFF_MS = 40;
const REGISTRY: QueueRegistry = {
  queues: { contract: { concurrency: 4 }, serial: { concurrency: 1 } },
  jobs: {
    greet: { queue: 'contract', retry: { attempts: 3, backoff: { type: 'exponential', delayMs: BACKOFF_MS } } },
    flaky: { queue: 'contract', retry: { attempts: 4, backoff: { type: 'exponential', delayMs: BACKOFF_MS } } },
    doomed: { queue: 'contract', retry: { attempts: 3, backoff: { type: 'fixed', delayMs: BACKOFF_MS } } },
    refused: { queue: 'contract', retry: { attempts: 5, backoff: { type: 'fixed', delayMs: BACKOFF_MS } } },
    serial: { queue: 'serial', retry: { attempts: 1, backoff: { type: 'fixed', delayMs: BACKOFF_MS } } },
  },
};

interface Run {
  name: string;
  payload: unknown;
  context: JobContext;
  at: number;
}

function makeDrivers(): Array<[string, () => QueueDriver]> {
  const drivers: Array<[string, () => QueueDriver]> = [['inline', () => new InlineQueueDriver(REGISTRY)]];
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl) {
    drivers.push([
      'bull',
      () => {
        const prefix = `qc${randomBytes(5).toString('hex')}`;
        const queues = new Map(Object.keys(REGISTRY.queues).map((name) => [name, new Bull(name, redisUrl, { prefix })]));
        return new BullQueueDriver(queues, REGISTRY);
      },
    ]);
  }
  return drivers;
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(makeDrivers())('queue contract: %s driver', (_kind, makeDriver) => {
  let driver: QueueDriver;
  let runs: Run[];
  let flakyFailuresLeft: number;
  let concurrent = 0;
  let maxConcurrent = 0;

  beforeAll(async () => {
    driver = makeDriver();
    runs = [];
    await driver.startProcessing(async (name, payload, context) => {
      runs.push({ name, payload, context, at: Date.now() });
      switch (name) {
        case 'greet':
          return { greeting: `hello ${(payload as { who: string }).who}` };
        case 'flaky':
          if (flakyFailuresLeft-- > 0) throw new Error(`transient failure ${context.attempt}`);
          return { ok: true };
        case 'doomed':
          throw new Error('always fails');
        case 'refused':
          throw new PermanentJobError('21610: recipient unsubscribed');
        case 'serial':
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await new Promise((r) => setTimeout(r, 20));
          concurrent--;
          return null;
      }
      throw new Error(`unexpected job ${name}`);
    });
  });
  afterAll(() => driver.close());

  const runsOf = (name: string) => runs.filter((r) => r.name === name);

  it('runs a job once with its payload and keeps its result', async () => {
    const { id } = await driver.enqueue('greet', { who: 'Rachel', client_id: 5 }, { jobId: 'greet-1' });
    expect(id).toBe('greet-1');
    const job = await until(async () => {
      const j = await driver.getJob('greet', id);
      return j?.state === 'completed' && j;
    });
    expect(job).toMatchObject({ id: 'greet-1', name: 'greet', state: 'completed', failures: 0, returnValue: { greeting: 'hello Rachel' } });
    expect(runsOf('greet').map((r) => [r.payload, r.context.attempt, r.context.maxAttempts])).toEqual([[{ who: 'Rachel', client_id: 5 }, 1, 3]]);
  });

  it('ignores a second enqueue with the same job id, so a retried request never duplicates work', async () => {
    const first = await driver.enqueue('greet', { who: 'once' }, { jobId: 'greet-dup' });
    const second = await driver.enqueue('greet', { who: 'twice' }, { jobId: 'greet-dup' });
    expect(second.id).toBe(first.id);
    await until(async () => (await driver.getJob('greet', 'greet-dup'))?.state === 'completed');
    await new Promise((r) => setTimeout(r, 100));
    expect(runsOf('greet').filter((r) => r.context.jobId === 'greet-dup').map((r) => r.payload)).toEqual([{ who: 'once' }]);
  });

  it('retries a transient failure with exponential backoff and then succeeds', async () => {
    flakyFailuresLeft = 2;
    await driver.enqueue('flaky', {}, { jobId: 'flaky-1' });
    const job = await until(async () => {
      const j = await driver.getJob('flaky', 'flaky-1');
      return j?.state === 'completed' && j;
    });
    expect(job).toMatchObject({ state: 'completed', failures: 2, returnValue: { ok: true } });
    const attempts = runsOf('flaky');
    expect(attempts.map((r) => r.context.attempt)).toEqual([1, 2, 3]);
    // Exponential: ≥ 40 ms after the first failure, ≥ 80 ms after the second.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(BACKOFF_MS - 5);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(2 * BACKOFF_MS - 5);
  });

  it('keeps a job that exhausted its attempts as failed, with the reason', async () => {
    await driver.enqueue('doomed', { n: 1 }, { jobId: 'doomed-1' });
    const job = await until(async () => {
      const j = await driver.getJob('doomed', 'doomed-1');
      return j?.state === 'failed' && j;
    });
    expect(job).toMatchObject({ state: 'failed', failures: 3, failedReason: 'always fails', data: { n: 1 } });
    expect(runsOf('doomed').map((r) => r.context.attempt)).toEqual([1, 2, 3]);
    expect((await driver.listFailed('contract')).map((j) => j.id)).toContain('doomed-1');
  });

  it('does not retry a permanent failure', async () => {
    await driver.enqueue('refused', {}, { jobId: 'refused-1' });
    const job = await until(async () => {
      const j = await driver.getJob('refused', 'refused-1');
      return j?.state === 'failed' && j;
    });
    await new Promise((r) => setTimeout(r, 3 * BACKOFF_MS));
    expect(job).toMatchObject({ state: 'failed', failures: 1, failedReason: '21610: recipient unsubscribed' });
    expect(runsOf('refused')).toHaveLength(1);
  });

  it('holds a delayed job until its time', async () => {
    const enqueuedAt = Date.now();
    await driver.enqueue('greet', { who: 'later' }, { jobId: 'greet-later', delayMs: 300 });
    expect((await driver.getJob('greet', 'greet-later'))?.state).toBe('delayed');
    await until(async () => (await driver.getJob('greet', 'greet-later'))?.state === 'completed');
    const run = runsOf('greet').find((r) => r.context.jobId === 'greet-later')!;
    expect(run.at - enqueuedAt).toBeGreaterThanOrEqual(290);
  });

  it("respects its queue's concurrency", async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => driver.enqueue('serial', {}, { jobId: `serial-${i}` })));
    await until(async () => runsOf('serial').length === 6 && (await driver.getJob('serial', 'serial-5'))?.state === 'completed');
    expect(maxConcurrent).toBe(1);
  });

  it('refuses a job kind the registry does not know', async () => {
    await expect(driver.enqueue('nope', {})).rejects.toThrow('Unknown job "nope"');
  });

  it('reports itself ready', async () => {
    await expect(driver.checkReady()).resolves.toBeUndefined();
  });
});
