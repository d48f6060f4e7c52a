import { type DynamicModule, Global, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, SystemClock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { DatabaseNotifications } from './database/database-notifications';
import { ErrorLog } from './errors/error-log.entity';
import { ErrorLogService } from './errors/error-log.service';
import type { Logger } from './logging/logger';
import { PurgeErrorLogsJob } from './errors/purge-error-logs.job';
import { createLogger, LOGGER } from './logging/logger';
import type { QueueRegistry } from './queue/job-definition';
import { QueueModule } from './queue/queue.module';
import { TenantDatabase } from './tenancy/tenant-database.service';
import { DatabaseTimeZones } from './time/database-time-zones';

export interface CoreOptions {
  /** Run queue handlers in this process (the worker, or the API in embedded mode). */
  processJobs: boolean;
  /** Replace the system clock (tests, benchmarks). */
  clock?: Clock;
  /** Replace the queue registry's retry timings (tests that exercise retries without waiting minutes). */
  queueRegistry?: QueueRegistry;
}

/** Configuration, logging, clock, database, queue and error logging, shared by every app. */
@Global()
@Module({})
export class CoreModule implements OnApplicationBootstrap {
  constructor(
    private readonly purge: PurgeErrorLogsJob,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(config: AppConfig, options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [DatabaseModule.forRoot(config), TypeOrmModule.forFeature([ErrorLog]), QueueModule.forRoot(config, options)],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: createLogger(config.logLevel) },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        ErrorLogService,
        PurgeErrorLogsJob,
        TenantDatabase,
        DatabaseTimeZones,
        DatabaseNotifications,
      ],
      exports: [APP_CONFIG, LOGGER, Clock, ErrorLogService, TenantDatabase, DatabaseTimeZones, DatabaseNotifications, TypeOrmModule],
    };
  }

  /**
   * Books the next error-log purge; the deterministic id makes every replica's call the same one.
   * Not awaited: with Redis down the enqueue waits for a connection, and boot must not wait with it
   * (the health endpoint reports Redis instead).
   */
  onApplicationBootstrap(): void {
    this.purge.scheduleNext(this.clock.now()).catch((err: unknown) => this.logger.warn({ err }, 'could not schedule the error-log purge'));
  }
}
