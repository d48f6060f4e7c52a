import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantContext } from '../tenancy/tenant-context';
import { QUEUE_DRIVER, type EnqueueOptions, type JobRecord, type QueueDriver } from './queue-driver';
import type { JobName, JobPayloads } from './queue-registry';

/** The typed way to put work on a queue: the payload must match the job's registered type. */
@Injectable()
export class QueueService {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

  get driverKind(): QueueDriver['kind'] {
    return this.driver.kind;
  }

  /**
   * Inside a tenant transaction the job is sent once the transaction commits (and never if it rolls
   * back), so a worker can neither see uncommitted state nor act on a change that did not happen.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<{ id: string }> {
    const scope = TenantContext.peek();
    if (!scope) return this.driver.enqueue(name, payload, options);
    const jobId = options.jobId ?? randomUUID();
    scope.afterCommit.push(() => this.driver.enqueue(name, payload, { ...options, jobId }));
    return { id: jobId };
  }

  getJob(name: JobName, id: string): Promise<JobRecord | null> {
    return this.driver.getJob(name, id);
  }

  listFailed(queue: string): Promise<JobRecord[]> {
    return this.driver.listFailed(queue);
  }

  checkReady(): Promise<void> {
    return this.driver.checkReady();
  }
}
