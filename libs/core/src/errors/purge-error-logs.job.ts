import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { JobHandler, type JobHandlerInstance } from '../queue/job-handler.decorator';
import { JobName, type JobPayloads } from '../queue/queue-registry';
import { QueueService } from '../queue/queue.service';
import { TenantDatabase } from '../tenancy/tenant-database.service';

/** error_logs keeps 90 days: long enough to answer a support ticket, short enough to stay small. */
export const ERROR_LOG_RETENTION_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

type Payload = JobPayloads[JobName.PurgeErrorLogs];

/** The id of the purge for a given UTC day: every replica enqueues the same id, so it runs once a day. */
export function purgeJobIdFor(day: Date): string {
  return `purge-error-logs:${day.toISOString().slice(0, 10)}`;
}

/**
 * Deletes error_logs rows past retention, then books tomorrow's run. Self-scheduling with
 * deterministic ids works the same on Bull and on the inline driver, without a cron process.
 */
@Injectable()
@JobHandler(JobName.PurgeErrorLogs)
export class PurgeErrorLogsJob implements JobHandlerInstance<Payload> {
  constructor(
    private readonly db: TenantDatabase,
    private readonly queue: QueueService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<{ deleted: number }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - ERROR_LOG_RETENTION_DAYS * DAY_MS);
    // error_logs is under row-level security: only the platform role sees every tenant's rows.
    const result = await this.db.platform('error-log', (manager) => manager.query(`DELETE FROM error_logs WHERE created_at < $1`, [cutoff]));
    await this.scheduleNext(now);
    return { deleted: Array.isArray(result) ? Number(result[1] ?? 0) : 0 };
  }

  /** Books the run for the next UTC midnight (idempotent: same id from every caller). */
  async scheduleNext(now: Date): Promise<void> {
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    await this.queue.enqueue(
      JobName.PurgeErrorLogs,
      { run_date: next.toISOString().slice(0, 10) },
      { jobId: purgeJobIdFor(next), delayMs: next.getTime() - now.getTime() },
    );
  }
}
