import { types as pgTypes } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { pgliteDriverFor } from './pglite/pglite-session-pool';
import { MIGRATIONS } from '../../../../migrations';

const DATE_OID = 1082;
// Keep DATE columns as 'YYYY-MM-DD' strings: pg would build a JS Date at the host's local midnight.
pgTypes.setTypeParser(DATE_OID, (value: string) => value);

/**
 * TypeORM options for either database. Schema changes come only from the explicit migration list,
 * on Postgres and on embedded PGlite alike; `synchronize` stays off.
 */
export function buildDataSourceOptions(config: AppConfig, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      url: config.database.url,
      ssl: config.database.ssl ? { rejectUnauthorized: false } : false,
      poolSize: 10,
      applicationName: 'ringlypro',
      // Set by pg on every new connection: no statement runs, and no transaction sits idle, forever,
      // whatever happens in the process that holds it (a runaway request, a lost await).
      extra: {
        statement_timeout: config.database.statementTimeoutMs,
        idle_in_transaction_session_timeout: config.database.idleInTransactionTimeoutMs,
      },
    };
  }
  return { ...common, driver: pgliteDriverFor(config.database.dataDir) };
}
