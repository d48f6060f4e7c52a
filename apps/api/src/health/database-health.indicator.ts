import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { PROBE_TIMEOUT_MS, withTimeout } from './with-timeout';

/** `SELECT 1` on the app's own pool (Postgres) or embedded session (PGlite). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check() {
    const session = this.indicators.check('database');
    const engine = this.dataSource.options.driver ? 'pglite' : 'postgres';
    try {
      if (!this.dataSource.isInitialized) throw new Error('not connected');
      await withTimeout(this.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS);
      return session.up({ engine });
    } catch {
      return session.down({ engine, message: 'database is not reachable' });
    }
  }
}
