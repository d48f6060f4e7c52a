import { Inject, Injectable } from '@nestjs/common';
import { QUEUE_DRIVER, type EnqueueOptions, type JobRecord, type QueueDriver } from './queue-driver';
import type { JobName, JobPayloads } from './queue-registry';

/** The typed way to put work on a queue: the payload must match the job's registered type. */
@Injectable()
export class QueueService {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

  get driverKind(): QueueDriver['kind'] {
    return this.driver.kind;
  }

  enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options?: EnqueueOptions): Promise<{ id: string }> {
    return this.driver.enqueue(name, payload, options);
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
