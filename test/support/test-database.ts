import { randomBytes } from 'node:crypto';
import { buildDataSourceOptions, validateEnvironment } from '@ringlypro/core';
import { DataSource } from 'typeorm';
import { databaseUrl, TEMPLATE_ENV, withAdminClient } from './postgres-admin';

export interface TestDatabase {
  /** undefined: embedded in-memory PGlite (no DATABASE_URL in the environment). */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a clone of the run's template on Postgres. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const template = process.env[TEMPLATE_ENV];
  if (!url || !template) return { url: undefined, drop: async () => undefined };
  const name = `ringlypro_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: databaseUrl(url, name),
    drop: () => withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database (no migrations), for testing the migrations themselves. */
export async function createEmptyPostgresDatabase(url: string): Promise<TestDatabase> {
  const name = `ringlypro_e_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: databaseUrl(url, name),
    drop: () => withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Where the migrations' own specs run, as `describe.each` rows: embedded PGlite always, and an empty
 * Postgres database when the run has one (CI always does).
 */
export function emptyDatabaseEngines(): Array<[string, () => Promise<TestDatabase>]> {
  const engines: Array<[string, () => Promise<TestDatabase>]> = [['PGlite', async () => ({ url: undefined, drop: async () => undefined })]];
  if (process.env.DATABASE_URL) engines.push(['Postgres', () => createEmptyPostgresDatabase(process.env.DATABASE_URL!)]);
  return engines;
}

/** A data source on a database of `makeDatabase` (no migrations run), and how to close both. */
export async function openDatabase(makeDatabase: () => Promise<TestDatabase>): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  const database = await makeDatabase();
  const config = validateEnvironment({ NODE_ENV: 'test', ...(database.url ? { DATABASE_URL: database.url } : {}) });
  const dataSource = await new DataSource(buildDataSourceOptions(config)).initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
