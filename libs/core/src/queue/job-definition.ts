/** How a job kind is retried. Bull's own semantics; the inline driver reproduces them. */
export interface RetryPolicy {
  /** Total runs, the first included. */
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delayMs: number };
}

export interface JobDefinition {
  queue: string;
  retry: RetryPolicy;
}

/**
 * Concurrency belongs to the queue, not the job kind: Bull adds up the concurrency of every named
 * processor on a queue and lets any slot take any job, so a per-kind limit would be a fiction. A job
 * kind that needs its own limit gets its own queue.
 */
export interface QueueDefinition {
  /** Jobs of this queue run at most this many at once per process. */
  concurrency: number;
}

export interface QueueRegistry {
  queues: Readonly<Record<string, QueueDefinition>>;
  jobs: Readonly<Record<string, JobDefinition>>;
}

/** What a handler learns about the run it is in. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

/** Bull's formula: fixed → delay; exponential → delay × 2^(failures − 1). */
export function backoffDelayMs(policy: RetryPolicy, failuresSoFar: number): number {
  if (policy.backoff.type === 'fixed') return policy.backoff.delayMs;
  return policy.backoff.delayMs * 2 ** Math.max(0, failuresSoFar - 1);
}
