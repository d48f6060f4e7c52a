import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  type JobContext,
  JobHandler,
  type JobHandlerInstance,
  JobIds,
  JobName,
  type JobPayloads,
  LOGGER,
  type Logger,
  PermanentJobError,
  QueueService,
} from '@ringlypro/core';
import { TelephonyError } from '../twilio/telephony-error';
import { NumberProvisioner, type ProvisionOutcome } from './number-provisioner.service';
import { ProvisioningBudgetExhausted } from './provisioning-budget';

type Payload = JobPayloads[JobName.ProvisionNumber];

/**
 * Runs provisioning out of band. Transient failures (rate limits, outages, a database hiccup) are
 * retried with the registry's backoff; after the last attempt, or at once for a failure retrying
 * cannot fix (bad credentials, a refused request), the client's number_status becomes 'failed'
 * with the reason kept. When the platform's provisioning budget is spent, the job books itself again
 * for when it frees up (the client stays 'pending': delayed, not failed) and alerts the operator.
 */
@Injectable()
@JobHandler(JobName.ProvisionNumber)
export class ProvisionNumberJob implements JobHandlerInstance<Payload> {
  constructor(
    private readonly provisioner: NumberProvisioner,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(payload: Payload, context: JobContext): Promise<ProvisionOutcome | { deferred_until: string }> {
    try {
      return await this.provisioner.provision(payload.client_id);
    } catch (error) {
      if (error instanceof ProvisioningBudgetExhausted) return this.waitForBudget(payload, error);
      const permanent = error instanceof TelephonyError && !error.retryable;
      if (permanent || context.attempt >= context.maxAttempts) {
        const reason = error instanceof TelephonyError ? error.message : 'Provisioning failed after several attempts; please try again';
        await this.provisioner.markFailed(payload.client_id, reason);
      }
      if (permanent) throw new PermanentJobError((error as Error).message);
      throw error;
    }
  }

  private async waitForBudget(payload: Payload, exhausted: ProvisioningBudgetExhausted): Promise<{ deferred_until: string }> {
    const { budgetPerHour, budgetPerDay } = this.config.provisioning;
    this.logger.error(
      { alert: 'provisioning-budget-exhausted', client_id: payload.client_id, window: exhausted.window, until: exhausted.until.toISOString(), budget_per_hour: budgetPerHour, budget_per_day: budgetPerDay },
      'provisioning budget exhausted: a new sign-up waits for its number (raise PROVISIONING_BUDGET_PER_HOUR/PER_DAY if this is real demand)',
    );
    await this.queue.enqueue(JobName.ProvisionNumber, payload, {
      jobId: JobIds.provisionNumberAfterBudget(payload.client_id, exhausted.until),
      delayMs: Math.max(1000, exhausted.until.getTime() - this.clock.now().getTime()),
    });
    return { deferred_until: exhausted.until.toISOString() };
  }
}
