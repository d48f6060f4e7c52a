import 'reflect-metadata';
import { buildDataSourceOptions, ConfigError, DataDirLockedError, lockDataDir, validateEnvironment } from '@ringlypro/core';
import { DataSource } from 'typeorm';

/** `npm run migration:run | migration:revert | migration:show` against DATABASE_URL, or the embedded database. */
async function main(command: string | undefined): Promise<void> {
  const config = validateEnvironment(process.env);
  // The embedded database has one writer at a time: a running `npm start` holds it (port 0: not serving).
  if (config.database.kind === 'pglite' && config.database.dataDir) lockDataDir(config.dataDir, 0);
  const dataSource = await new DataSource(buildDataSourceOptions(config)).initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'There are pending migrations.' : 'The schema is up to date.');
    } else {
      throw new Error('usage: migrate.ts run | revert | show');
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
});
