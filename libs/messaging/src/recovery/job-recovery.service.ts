import { Inject, Injectable } from '@nestjs/common';
import { Clock, JobIds, JobName, LOGGER, type Logger, QueueService, TenantDatabase } from '@ringlypro/core';
import { reminderTime } from '@ringlypro/booking';

/** Clients still waiting for a number this long after sign-up have lost their provisioning job. */
const STUCK_PENDING_MINUTES = 10;

/**
 * Work the database says is owed but the queue may not hold: after a restart of an embedded
 * instance (the inline queue keeps jobs in memory), or when Redis lost its data or was unreachable
 * at sign-up. At boot it re-enqueues reminders of upcoming appointments not yet reminded, and
 * provisioning for clients stuck in 'pending'. Reminder ids are the deterministic ones, so whatever
 * the queue still has is not duplicated. Runs on the named cross-tenant path 'job-recovery'.
 * The entry points start it once they are up (the API after it listens, the worker after init), so a
 * start that fails never recovers anything.
 */
@Injectable()
export class JobRecovery {
  constructor(
    private readonly db: TenantDatabase,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  recoverInBackground(): void {
    // Not awaited: boot must not wait on Redis; failures are logged and retried at the next boot.
    this.recover().catch((err: unknown) => this.logger.warn({ err }, 'job recovery failed'));
  }

  async recover(): Promise<{ reminders: number; provisioning: number }> {
    const now = this.clock.now();
    const { reminders, pending } = await this.db.platform('job-recovery', async (manager) => ({
      reminders: (await manager.query(
        `SELECT a.id, a.client_id, a.starts_at, c.timezone FROM appointments a JOIN clients c ON c.id = a.client_id
         WHERE a.starts_at > $1 AND a.status IN ('confirmed', 'pending') AND NOT a.reminder_sent AND c.sms_notifications AND c.active`,
        [now],
      )) as Array<{ id: number; client_id: number; starts_at: Date; timezone: string }>,
      pending: (await manager.query(`SELECT id FROM clients WHERE number_status = 'pending' AND ringlypro_number IS NULL AND active AND created_at < $1`, [
        new Date(now.getTime() - STUCK_PENDING_MINUTES * 60_000),
      ])) as Array<{ id: number }>,
    }));
    let remindersQueued = 0;
    for (const r of reminders) {
      const startsAt = new Date(r.starts_at);
      const at = reminderTime(startsAt, now, r.timezone);
      if (!at) continue;
      await this.queue.enqueue(
        JobName.SendAppointmentReminder,
        { client_id: r.client_id, appointment_id: r.id, starts_at: startsAt.toISOString() },
        { jobId: JobIds.reminder(r.id, startsAt), delayMs: Math.max(0, at.getTime() - now.getTime()) },
      );
      remindersQueued++;
    }
    // The sign-up job's id may still be taken by a run that was lost or failed; provisioning is
    // idempotent on its own (it never buys twice), so a retry id is safe and replicas booting
    // together still collapse into one job per minute.
    for (const c of pending) await this.queue.enqueue(JobName.ProvisionNumber, { client_id: c.id }, { jobId: JobIds.provisionNumberRetry(c.id, now) });
    if (remindersQueued || pending.length) this.logger.info({ reminders: remindersQueued, provisioning: pending.length }, 'recovered owed jobs');
    return { reminders: remindersQueued, provisioning: pending.length };
  }
}
