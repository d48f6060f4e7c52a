import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock, JobHandler, type JobHandlerInstance, JobName, type JobPayloads, LOGGER, type Logger, QueueService, TenantDatabase } from '@ringlypro/core';

type Payload = JobPayloads[JobName.ResetFreeMinutes];

/** Runs every quarter hour: every UTC offset in use is a multiple of 15 minutes. */
const PERIOD_MS = 15 * 60_000;

export function resetJobIdFor(at: Date): string {
  return `reset-free-minutes:${at.toISOString()}`;
}

/**
 * Resets free minutes at the start of each business's month in its own timezone. One UPDATE over the
 * named cross-tenant path 'monthly-reset' resets every account whose local date has reached its reset
 * date and moves that date to the 1st of the following local month — so a second run (a retry, two
 * replicas, a boot and a scheduled run together) finds nothing left to do. Paid balances are never
 * touched. The ledger applies the same rule under its lock before any charge, so a charge in the first
 * minutes of a month gets the new allowance even if this run is late.
 * Self-scheduling on the next quarter hour with deterministic ids, and re-armed at every boot.
 */
@Injectable()
@JobHandler(JobName.ResetFreeMinutes)
export class ResetFreeMinutesJob implements JobHandlerInstance<Payload>, OnApplicationBootstrap {
  constructor(
    private readonly db: TenantDatabase,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: boot must not wait on Redis. A run now catches up on resets missed while down.
    const now = this.clock.now();
    this.queue
      .enqueue(JobName.ResetFreeMinutes, { run_at: now.toISOString() }, { jobId: resetJobIdFor(new Date(Math.floor(now.getTime() / PERIOD_MS) * PERIOD_MS)) })
      .catch((err: unknown) => this.logger.warn({ err }, 'could not schedule the free-minute reset'));
  }

  async handle(): Promise<{ reset: number }> {
    const now = this.clock.now();
    const reset = await this.resetDue(now);
    if (reset > 0) this.logger.info({ reset }, 'free minutes reset for a new month');
    await this.scheduleNext(now);
    return { reset };
  }

  /** Resets every account whose business has entered a new local month; returns how many. */
  async resetDue(now: Date): Promise<number> {
    return this.db.platform('monthly-reset', async (manager) => {
      const rows = (await manager.query(
        `UPDATE credit_accounts a
            SET free_minutes_used = 0,
                free_minutes_reset_date = (date_trunc('month', $1::timestamptz AT TIME ZONE COALESCE(c.timezone, 'America/New_York')) + INTERVAL '1 month')::date,
                updated_at = NOW()
           FROM clients c
          WHERE c.id = a.client_id
            AND ($1::timestamptz AT TIME ZONE COALESCE(c.timezone, 'America/New_York'))::date >= a.free_minutes_reset_date
      RETURNING a.id`,
        [now],
      )) as unknown;
      // node-postgres gives [rows, count] for UPDATE … RETURNING through TypeORM; PGlite gives rows.
      const list = Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
      return list.length;
    });
  }

  async scheduleNext(now: Date): Promise<void> {
    const next = new Date((Math.floor(now.getTime() / PERIOD_MS) + 1) * PERIOD_MS);
    await this.queue.enqueue(JobName.ResetFreeMinutes, { run_at: next.toISOString() }, { jobId: resetJobIdFor(next), delayMs: next.getTime() - now.getTime() });
  }
}
