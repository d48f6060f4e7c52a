import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueService } from '@ringlypro/core';
import { PROBE_TIMEOUT_MS, withTimeout } from './with-timeout';

/** Reports the queue driver, and for bull whether Redis answers. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queue: QueueService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check() {
    const key = this.queue.driverKind === 'bull' ? 'redis' : 'queue';
    const session = this.indicators.check(key);
    try {
      await withTimeout(this.queue.checkReady(), PROBE_TIMEOUT_MS);
      return session.up({ driver: this.queue.driverKind });
    } catch {
      return session.down({ driver: this.queue.driverKind, message: `${key} is not reachable` });
    }
  }
}
