import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  JobHandler,
  type JobHandlerInstance,
  JobIds,
  JobName,
  type JobPayloads,
  LOGGER,
  type Logger,
  QueueService,
  TenantDatabase,
} from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { TelephonyError } from '../twilio/telephony-error';
import { TWILIO_GATEWAY, type TwilioGateway } from '../twilio/twilio-gateway';

type Payload = JobPayloads[JobName.ReleaseIdleNumbers];
const DAY_MS = 24 * 3600_000;

export interface ReleaseSummary {
  released: number[];
  failed: number[];
}

/**
 * A number costs the platform every month. Once a day this releases, at Twilio, the number of every
 * account nobody has logged into for NUMBER_RELEASE_AFTER_DAYS (never logged in: counted from
 * sign-up) and records it on the client: number_status 'released', when, and why. Twilio first, then
 * the database: a number Twilio no longer knows (20404) counts as released, so a run that released
 * it but failed to record it converges on the next. The owner gets a new number with
 * POST /api/client/me/provision. Self-scheduling with a per-day id, booked again at every boot, like
 * the error-log purge.
 */
@Injectable()
@JobHandler(JobName.ReleaseIdleNumbers)
export class IdleNumberReleaseJob implements JobHandlerInstance<Payload>, OnApplicationBootstrap {
  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    @Inject(TWILIO_GATEWAY) private readonly twilio: TwilioGateway,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.provisioning.releaseAfterDays === 0) return;
    this.scheduleNext(this.clock.now()).catch((err: unknown) => this.logger.warn({ err }, 'could not schedule the idle-number release'));
  }

  async handle(): Promise<ReleaseSummary> {
    const summary = await this.releaseIdle();
    await this.scheduleNext(this.clock.now());
    return summary;
  }

  async releaseIdle(): Promise<ReleaseSummary> {
    const days = this.config.provisioning.releaseAfterDays;
    if (days === 0) return { released: [], failed: [] };
    const now = this.clock.now();
    const idle = (await this.db.platform('idle-number-release', (manager) =>
      manager.query(
        `SELECT c.id FROM clients c LEFT JOIN users u ON u.id = c.user_id
         WHERE c.number_status = 'active' AND c.twilio_number_sid IS NOT NULL
           AND COALESCE(u.last_login_at, u.created_at, c.created_at) < $1
         ORDER BY c.id LIMIT 500`,
        [new Date(now.getTime() - days * DAY_MS)],
      ),
    )) as Array<{ id: number }>;
    const summary: ReleaseSummary = { released: [], failed: [] };
    for (const { id } of idle) {
      try {
        await this.release(id, days);
        summary.released.push(id);
      } catch (err) {
        // One client's failure must not keep the others' numbers; tomorrow's run tries again.
        this.logger.warn({ err, client_id: id }, 'could not release an idle number');
        summary.failed.push(id);
      }
    }
    if (idle.length) this.logger.info({ released: summary.released.length, failed: summary.failed.length, after_days: days }, 'released idle numbers');
    return summary;
  }

  private async release(clientId: number, days: number): Promise<void> {
    await this.db.run(clientId, async () => {
      const client = await this.store.get();
      if (client.number_status !== 'active' || !client.twilio_number_sid) return;
      try {
        await this.twilio.releaseNumber(client.twilio_number_sid);
      } catch (error) {
        if (!(error instanceof TelephonyError && error.failure === 'not-found')) throw error;
      }
      await this.store.update({
        number_status: 'released',
        ringlypro_number: null,
        twilio_number_sid: null,
        number_released_at: this.clock.now(),
        number_release_reason: `Nobody logged in for ${days} days; released ${client.ringlypro_number} (${client.twilio_number_sid})`,
      });
      this.logger.info({ client_id: clientId, number: client.ringlypro_number }, 'idle number released');
    });
  }

  /** Books the run for the next UTC midnight (idempotent: same id from every caller). */
  async scheduleNext(now: Date): Promise<void> {
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const day = next.toISOString().slice(0, 10);
    await this.queue.enqueue(JobName.ReleaseIdleNumbers, { run_date: day }, { jobId: JobIds.releaseIdleNumbers(day), delayMs: next.getTime() - now.getTime() });
  }
}
