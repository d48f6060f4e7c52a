import type { Job, Queue } from 'bull';
import type { JobDefinition } from '../job-definition';
import { PermanentJobError } from '../permanent-job-error';
import type { EnqueueOptions, JobDispatch, JobRecord, JobState, QueueDriver } from '../queue-driver';

/** Completed jobs are kept a week so a repeated enqueue of the same id stays a no-op that long. */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;

/** Redis-backed queue on Bull: survives restarts and spreads work over any number of workers. */
export class BullQueueDriver implements QueueDriver {
  readonly kind = 'bull' as const;

  constructor(
    private readonly queues: ReadonlyMap<string, Queue>,
    private readonly definitions: Readonly<Record<string, JobDefinition>>,
  ) {}

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string }> {
    const definition = this.definitionOf(name);
    const { retry } = definition;
    const job = await this.queueOf(definition).add(name, payload ?? null, {
      jobId: options.jobId,
      delay: options.delayMs && options.delayMs > 0 ? options.delayMs : undefined,
      attempts: retry.attempts,
      backoff: { type: retry.backoff.type, delay: retry.backoff.delayMs },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: false,
    });
    return { id: String(job.id) };
  }

  async startProcessing(dispatch: JobDispatch): Promise<void> {
    for (const [name, definition] of Object.entries(this.definitions)) {
      void this.queueOf(definition).process(name, definition.concurrency, async (job: Job) => {
        try {
          return await dispatch(name, job.data, {
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
    const job = await this.queueOf(this.definitionOf(name)).getJob(id);
    return job ? this.snapshot(job) : null;
  }

  async listFailed(queue: string): Promise<JobRecord[]> {
    const q = this.queues.get(queue);
    if (!q) throw new Error(`Unknown queue "${queue}"`);
    return Promise.all((await q.getFailed()).map((job) => this.snapshot(job)));
  }

  async checkReady(): Promise<void> {
    for (const queue of this.queues.values()) {
      await queue.isReady();
      const pong = await queue.client.ping();
      if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private definitionOf(name: string): JobDefinition {
    const definition = this.definitions[name];
    if (!definition) throw new Error(`Unknown job "${name}": add it to the queue registry`);
    return definition;
  }

  private queueOf(definition: JobDefinition): Queue {
    const queue = this.queues.get(definition.queue);
    if (!queue) throw new Error(`Queue "${definition.queue}" is not registered`);
    return queue;
  }

  private async snapshot(job: Job): Promise<JobRecord> {
    const state = (await job.getState()) as string;
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
