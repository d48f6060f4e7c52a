import { randomBytes } from 'node:crypto';
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
