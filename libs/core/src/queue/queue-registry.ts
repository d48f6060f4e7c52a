import type { JobDefinition, QueueDefinition, QueueRegistry, RetryPolicy } from './job-definition';

/*
 * The one registry of queues and jobs. The string values are stored in Redis as queue and job
 * names: NEVER rename a value that has shipped — jobs already queued under the old name would be
 * orphaned. Add a new name and retire the old one once its queue has drained.
 */

export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  PurgeErrorLogs = 'purge-error-logs',
}

/** The payload each job kind carries. Payloads are plain JSON: they travel through Redis. */
export interface JobPayloads {
  [JobName.PurgeErrorLogs]: { run_date: string };
}

/** Housekeeping may wait: a few slow retries are enough. */
export const MAINTENANCE_RETRY: RetryPolicy = { attempts: 3, backoff: { type: 'exponential', delayMs: 60_000 } };

export const QUEUE_DEFINITIONS: { readonly [Q in QueueName]: QueueDefinition } = {
  [QueueName.Maintenance]: { concurrency: 1 },
};

export const JOB_DEFINITIONS: { readonly [N in JobName]: JobDefinition } = {
  [JobName.PurgeErrorLogs]: { queue: QueueName.Maintenance, retry: MAINTENANCE_RETRY },
};

export const QUEUE_REGISTRY: QueueRegistry = { queues: QUEUE_DEFINITIONS, jobs: JOB_DEFINITIONS };
