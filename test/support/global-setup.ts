import 'reflect-metadata';
// Relative import: Jest's globalSetup runs outside the module mapper that resolves @ringlypro/*.
import { buildDataSourceOptions, validateEnvironment } from '../../libs/core/src';
import { DataSource } from 'typeorm';
import { databaseUrl, TEMPLATE_ENV, withAdminClient } from './postgres-admin';

/**
 * With DATABASE_URL set, migrates one template database for the whole run; each test file then
 * clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a migration run.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = `ringlypro_tpl_${process.pid}_${Date.now().toString(36)}`;
  await withAdminClient(url, (c) => c.query(`CREATE DATABASE "${name}"`));
  const config = validateEnvironment({ NODE_ENV: 'test', DATABASE_URL: databaseUrl(url, name) });
  const dataSource = await new DataSource(buildDataSourceOptions(config)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[TEMPLATE_ENV] = name;
}
