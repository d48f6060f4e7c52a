import 'reflect-metadata';
import { buildDataSourceOptions, ConfigError, DataDirLockedError, lockDataDir, validateEnvironment } from '@ringlypro/core';
import { DataSource } from 'typeorm';
import { seedDemoData } from '../apps/api/src/demo/demo-seed';

/** `npm run seed`: migrate, then load the demo world (idempotent), then print its counts. */
async function main(): Promise<void> {
  const config = validateEnvironment(process.env);
  if (config.nodeEnv === 'production' && process.argv[2] !== '--force') {
    throw new Error('Refusing to load demo data with NODE_ENV=production; pass --force if you really mean it.');
  }
  // The embedded database has one writer at a time: a running `npm start` holds it (port 0: not serving).
  if (config.database.kind === 'pglite' && config.database.dataDir) lockDataDir(config.dataDir, 0);
  const dataSource = await new DataSource(buildDataSourceOptions(config)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const login = await seedDemoData(dataSource, config);
    const counts = await dataSource.query(
      `SELECT (SELECT COUNT(*) FROM clients)::int AS clients, (SELECT COUNT(*) FROM appointments)::int AS appointments,
              (SELECT COUNT(*) FROM calls)::int AS calls, (SELECT COUNT(*) FROM messages)::int AS messages,
              (SELECT COUNT(*) FROM contacts)::int AS contacts, (SELECT COUNT(*) FROM credit_accounts)::int AS credit_accounts`,
    );
    console.log('Demo data loaded:', counts[0]);
    console.log(`Demo owner login: ${login.email} / ${login.password ?? '(unchanged; see data/demo-login.json)'}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
});
