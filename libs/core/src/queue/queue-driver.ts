import type { JobContext } from './job-definition';

export interface EnqueueOptions {
  /** Deterministic id: a second enqueue with the same id is ignored, so retries never duplicate work. */
  jobId?: string;
  delayMs?: number;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobRecord {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  /** Failed runs so far. */
  failures: number;
  failedReason: string | null;
  returnValue: unknown;
}

export type JobDispatch = (name: string, payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * A queue backend. `bull` (Redis) in production and CI; `inline` (in-process, in-memory) when no
 * REDIS_URL is configured. Both honour deterministic job ids, delays, retry with backoff,
 * PermanentJobError, and keep failed jobs for inspection.
 */
export interface QueueDriver {
  readonly kind: 'bull' | 'inline';
  enqueue(name: string, payload: unknown, options?: EnqueueOptions): Promise<{ id: string }>;
  /** Starts running jobs in this process (the worker; or the API itself in embedded mode). */
  startProcessing(dispatch: JobDispatch): Promise<void>;
  getJob(name: string, id: string): Promise<JobRecord | null>;
  listFailed(queue: string): Promise<JobRecord[]>;
  /** Throws when the backend cannot take jobs. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');
