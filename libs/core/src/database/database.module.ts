import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

/**
 * Postgres when DATABASE_URL is set, embedded PGlite otherwise. Pending migrations run before the
 * DataSource is handed to anyone, so no provider ever sees an old schema.
 */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const embedded = config.database.kind === 'pglite';
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          // An embedded database that failed to open fails the same way again: say so at once.
          useFactory: () => ({ ...buildDataSourceOptions(config), autoLoadEntities: true, ...(embedded ? { retryAttempts: 0 } : {}) }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource, embedded);
            return dataSource;
          },
        }),
      ],
    };
  }
}
