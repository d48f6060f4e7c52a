import 'reflect-metadata';
import { recountOpenMinutes } from '@ringlypro/billing';
import { buildDataSourceOptions, ConfigError, createLogger, lockDataDir, TenantDatabase, validateEnvironment } from '@ringlypro/core';
import { DataSource } from 'typeorm';

/**
 * `npm run billing:recount-open-minutes`: sets every business's open-minutes counter to the minutes
 * its calls in progress hold, and prints the businesses that differed (none, unless something bypassed
 * the trigger that keeps it — see recountOpenMinutes).
 */
async function main(): Promise<void> {
  const config = validateEnvironment(process.env);
  // The embedded database has one writer at a time: a running `npm start` holds it (port 0: not serving).
  if (config.database.kind === 'pglite' && config.database.dataDir) lockDataDir(config.dataDir, 0);
  const dataSource = await new DataSource({ ...buildDataSourceOptions(config), entities: [] }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const drifts = await recountOpenMinutes(new TenantDatabase(dataSource, createLogger(config.logLevel)));
    for (const drift of drifts) console.log(`client ${drift.client_id}: counter ${drift.counter}, open admissions hold ${drift.actual} — set to ${drift.actual}`);
    console.log(drifts.length === 0 ? 'Every open-minutes counter matches its open admissions.' : `${drifts.length} counter(s) repaired.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
