import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import { type Micros, parseMoney } from './money/money';

/** The operator's billing knobs from the validated environment, as exact amounts. */
@Injectable()
export class BillingSettings {
  readonly freeMinutesPerMonth: number;
  readonly smsRatePerSegment: Micros;
  readonly lowBalanceThreshold: Micros;
  readonly internalToken: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.freeMinutesPerMonth = config.billing.freeMinutesPerMonth;
    this.smsRatePerSegment = parseMoney(config.billing.smsRatePerSegment);
    this.lowBalanceThreshold = parseMoney(config.billing.lowBalanceThreshold);
    this.internalToken = config.billing.internalToken;
  }
}
