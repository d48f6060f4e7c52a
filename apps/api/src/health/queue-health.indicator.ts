import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueService } from '@ringlypro/core';

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
      await withTimeout(this.queue.checkReady(), 3000);
      return session.up({ driver: this.queue.driverKind });
    } catch {
      return session.down({ driver: this.queue.driverKind, message: `${key} is not reachable` });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
