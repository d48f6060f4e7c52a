import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { backoffDelayMs, type JobDefinition, type QueueRegistry } from '../job-definition';
import { PermanentJobError } from '../permanent-job-error';
import type { EnqueueOptions, JobDispatch, JobRecord, QueueDriver } from '../queue-driver';

interface InlineJob extends JobRecord {
  queue: string;
  timer?: NodeJS.Timeout;
}

/**
 * In-process queue for embedded mode (no Redis): the same handlers, ids, delays, retries and
 * backoff as the bull driver. Jobs live in memory, so a restart forgets those still waiting; that is
 * the trade for running with nothing installed, and the README says so.
 */
export class InlineQueueDriver implements QueueDriver {
  readonly kind = 'inline' as const;
  private readonly jobs = new Map<string, InlineJob>();
  private readonly running = new Map<string, number>();
  private readonly ready: InlineJob[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private dispatch: JobDispatch | null = null;
  private closed = false;
  /**
   * The async scope jobs run in: the driver's own, created at boot. Without it a job would inherit
   * the context of whoever enqueued it — a request's tenant transaction, say — as a Bull worker never would.
   */
  private readonly root = new AsyncResource('InlineQueueDriver');

  constructor(private readonly registry: QueueRegistry) {}

  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string }> {
    const definition = this.definitionOf(name);
    const id = options.jobId ?? randomUUID();
    const key = `${definition.queue}:${id}`;
    if (this.jobs.has(key)) return { id };
    // A JSON round trip, as Redis would do: handlers must not rely on shared object identity.
    const data: unknown = JSON.parse(JSON.stringify(payload ?? null));
    const job: InlineJob = { id, name, data, queue: definition.queue, state: 'waiting', failures: 0, failedReason: null, returnValue: null };
    this.jobs.set(key, job);
    this.schedule(job, options.delayMs ?? 0);
    return { id };
  }

  async startProcessing(dispatch: JobDispatch): Promise<void> {
    this.dispatch = dispatch;
    this.pump();
  }

  async getJob(name: string, id: string): Promise<JobRecord | null> {
    const job = this.jobs.get(`${this.definitionOf(name).queue}:${id}`);
    return job ? this.snapshot(job) : null;
  }

  async listFailed(queue: string): Promise<JobRecord[]> {
    return [...this.jobs.values()].filter((j) => j.queue === queue && j.state === 'failed').map((j) => this.snapshot(j));
  }

  async checkReady(): Promise<void> {
    if (this.closed) throw new Error('inline queue is closed');
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  private definitionOf(name: string): JobDefinition {
    const definition = this.registry.jobs[name];
    if (!definition) throw new Error(`Unknown job "${name}": add it to the queue registry`);
    return definition;
  }

  private schedule(job: InlineJob, delayMs: number): void {
    if (delayMs > 0) {
      job.state = 'delayed';
      job.timer = setTimeout(() => {
        job.timer = undefined;
        this.makeReady(job);
      }, delayMs);
      job.timer.unref?.();
    } else {
      this.makeReady(job);
    }
  }

  private makeReady(job: InlineJob): void {
    if (this.closed) return;
    job.state = 'waiting';
    this.ready.push(job);
    this.pump();
  }

  /** Starts every ready job its queue's concurrency allows, oldest first. */
  private pump(): void {
    if (!this.dispatch || this.closed) return;
    for (let i = 0; i < this.ready.length; ) {
      const job = this.ready[i];
      const limit = this.registry.queues[job.queue]?.concurrency ?? 1;
      if ((this.running.get(job.queue) ?? 0) >= limit) {
        i++;
        continue;
      }
      this.ready.splice(i, 1);
      const run = this.root.runInAsyncScope(() => this.run(job)).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }
  }

  private async run(job: InlineJob): Promise<void> {
    const dispatch = this.dispatch!;
    const { retry } = this.definitionOf(job.name);
    this.running.set(job.queue, (this.running.get(job.queue) ?? 0) + 1);
    job.state = 'active';
    try {
      job.returnValue = (await dispatch(job.name, job.data, { jobId: job.id, attempt: job.failures + 1, maxAttempts: retry.attempts })) ?? null;
      job.state = 'completed';
    } catch (error) {
      job.failures += 1;
      job.failedReason = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof PermanentJobError) && job.failures < retry.attempts;
      if (retryable && !this.closed) this.schedule(job, backoffDelayMs(retry, job.failures));
      else job.state = 'failed';
    } finally {
      this.running.set(job.queue, (this.running.get(job.queue) ?? 1) - 1);
      // Yield before pumping, so a burst of ready jobs does not grow the stack.
      setImmediate(() => this.pump());
    }
  }

  private snapshot(job: InlineJob): JobRecord {
    const { id, name, data, state, failures, failedReason, returnValue } = job;
    return { id, name, data, state, failures, failedReason, returnValue };
  }
}
