import type { Job, Queue } from 'bull';
import type { JobDefinition, QueueRegistry } from '../job-definition';
import { PermanentJobError } from '../permanent-job-error';
import type { EnqueueOptions, JobDispatch, JobRecord, JobState, QueueDriver } from '../queue-driver';

/** Completed jobs are kept a week so a repeated enqueue of the same id stays a no-op that long. */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const CLOSE_GRACE_MS = 5000;
const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * Shared with the Redis connection options: once the driver is closed, ioredis stops reconnecting.
 * Without it, a Redis that is down at shutdown keeps the process alive with reconnect timers.
 */
export class RedisLifecycle {
  closed = false;

  retryStrategy = (times: number): number | null => (this.closed ? null : Math.min(times * 200, 2000));
}

/** Redis-backed queue on Bull: survives restarts and spreads work over any number of workers. */
export class BullQueueDriver implements QueueDriver {
  readonly kind = 'bull' as const;

  constructor(
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly registry: QueueRegistry,
    private readonly lifecycle: RedisLifecycle = new RedisLifecycle(),
  ) {}

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string }> {
    const definition = this.definitionOf(name);
    const { retry } = definition;
    const job = await this.withinTimeout(this.queueOf(definition).add(name, payload ?? null, {
      jobId: options.jobId,
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      attempts: retry.attempts,
      backoff: { type: retry.backoff.type, delay: retry.backoff.delayMs },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: false,
    }));
    return { id: String(job.id) };
  }

  async startProcessing(dispatch: JobDispatch): Promise<void> {
    for (const [queueName, queue] of this.queues) {
      const concurrency = this.registry.queues[queueName]?.concurrency ?? 1;
      // One '*' processor per queue, so the queue's concurrency is exactly what the registry says.
      void queue.process('*', concurrency, async (job: Job) => {
        const definition = this.definitionOf(job.name);
        try {
          return await dispatch(job.name, job.data, {
            jobId: String(job.id),
            attempt: job.attemptsMade + 1,
            maxAttempts: definition.retry.attempts,
          });
        } catch (error) {
          // Bull retries unless told not to; a permanent failure must not spend the other attempts.
          if (error instanceof PermanentJobError) await job.discard();
          throw error;
        }
      });
    }
  }

  async getJob(name: string, id: string): Promise<JobRecord | null> {
    const queue = this.queueOf(this.definitionOf(name));
    const job = await queue.getJob(id);
    if (!job) return null;
    // State first, then the hash: a job read just before it finished would otherwise show
    // 'failed' beside the attempt count and reason of its previous run.
    const state = await job.getState();
    return this.snapshot((await queue.getJob(id)) ?? job, state);
  }

  async listFailed(queue: string): Promise<JobRecord[]> {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`Unknown queue "${queue}"`);
    return (await q.getFailed()).map((job) => this.snapshot(job, 'failed'));
  }

  async checkReady(): Promise<void> {
    for (const queue of this.queues.values()) {
      await queue.isReady();
      const pong = await queue.client.ping();
      if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
    }
  }

  /**
   * Lets running jobs finish for a moment, then drops the connections outright: with Redis
   * unreachable, Bull's graceful close would wait (and ioredis reconnect) forever.
   */
  async close(): Promise<void> {
    this.lifecycle.closed = true;
    await Promise.all(
      [...this.queues.values()].map(async (queue) => {
        if (queue.client.status !== 'ready') {
          // Never connected (or lost): there is nothing to close gracefully, only retries to stop.
          for (const client of queue.clients) client.disconnect();
          // Bull's close() would wait for a connection forever and, once @nestjs/bull's shutdown hook
          // calls it, open new clients; a settled `closing` makes that later call return at once.
          (queue as unknown as { closing: Promise<void> }).closing = Promise.resolve();
          return;
        }
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CLOSE_GRACE_MS);
        });
        await Promise.race([queue.close().catch(() => undefined), grace]);
        clearTimeout(timer);
        // Only what close() did not end: disconnecting an ended client arms a timer that never clears.
        for (const client of queue.clients) if (client.status !== 'end') client.disconnect();
      }),
    );
  }

  /** With Redis down, Bull's add() would wait for a connection forever; callers deserve an answer. */
  private async withinTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not accept the job within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([operation, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private definitionOf(name: string): JobDefinition {
    const definition = this.registry.jobs[name];
    if (!definition) throw new Error(`Unknown job "${name}": add it to the queue registry`);
    return definition;
  }

  private queueOf(definition: JobDefinition): Queue {
    const queue = this.queues.get(definition.queue);
    if (!queue) throw new Error(`Queue "${definition.queue}" is not registered`);
    return queue;
  }

  private snapshot(job: Job, state: string): JobRecord {
    const normalized: JobState = state === 'paused' || state === 'stuck' ? 'waiting' : (state as JobState);
    return {
      id: String(job.id),
      name: job.name,
      data: job.data,
      state: normalized,
      failures: job.attemptsMade,
      failedReason: job.failedReason ?? null,
      returnValue: job.returnvalue ?? null,
    };
  }
}
