import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, TenantDatabase } from '@ringlypro/core';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Thrown before buying when the platform's budget is spent: the job waits until `until`. */
export class ProvisioningBudgetExhausted extends Error {
  constructor(
    readonly until: Date,
    readonly window: 'hour' | 'day',
  ) {
    super(`Provisioning budget for the ${window} is spent; buying resumes at ${until.toISOString()}`);
  }
}

/**
 * What open sign-up may cost: at most PROVISIONING_BUDGET_PER_HOUR numbers bought per rolling hour
 * and PROVISIONING_BUDGET_PER_DAY per rolling day, platform-wide, counted from clients'
 * number_provisioned_at. The check and the purchase are not one transaction, so concurrent jobs
 * (the telephony queue's concurrency per worker) can overshoot by at most that many.
 */
@Injectable()
export class ProvisioningBudget {
  constructor(
    private readonly db: TenantDatabase,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAvailable(): Promise<void> {
    const now = this.clock.now();
    const rows = (await this.db.platform('provisioning-budget', (manager) =>
      manager.query(`SELECT number_provisioned_at AS at FROM clients WHERE number_provisioned_at > $1 ORDER BY number_provisioned_at ASC`, [new Date(now.getTime() - DAY_MS)]),
    )) as Array<{ at: Date | string }>;
    const day = rows.map((r) => new Date(r.at).getTime());
    const hour = day.filter((t) => t > now.getTime() - HOUR_MS);
    const { budgetPerHour, budgetPerDay } = this.config.provisioning;
    // The purchase that must age out of the window before one more fits.
    const dayUntil = day.length >= budgetPerDay ? day[day.length - budgetPerDay] + DAY_MS : null;
    const hourUntil = hour.length >= budgetPerHour ? hour[hour.length - budgetPerHour] + HOUR_MS : null;
    if (dayUntil === null && hourUntil === null) return;
    if ((dayUntil ?? 0) >= (hourUntil ?? 0)) throw new ProvisioningBudgetExhausted(new Date(dayUntil!), 'day');
    throw new ProvisioningBudgetExhausted(new Date(hourUntil!), 'hour');
  }
}
