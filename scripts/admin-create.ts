import 'reflect-metadata';
import { buildDataSourceOptions, ConfigError, lockDataDir, PLATFORM_ROLE, validateEnvironment } from '@ringlypro/core';
import { promoteToAdmin, User } from '@ringlypro/tenancy';
import { DataSource } from 'typeorm';

/** `npm run admin:create -- <email>`: promotes an existing (registered) user to platform admin. */
async function main(email: string | undefined): Promise<void> {
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('usage: npm run admin:create -- <email of a registered user>');
  const config = validateEnvironment(process.env);
  // The embedded database has one writer at a time: a running `npm start` holds it (port 0: not serving).
  if (config.database.kind === 'pglite' && config.database.dataDir) lockDataDir(config.dataDir, 0);
  // The script registers only the entity it writes (the app's modules load theirs through TypeOrmModule).
  const dataSource = await new DataSource({ ...buildDataSourceOptions(config), entities: [User] }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const promoted = await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
      return promoteToAdmin(manager, email);
    });
    if (!promoted) throw new Error(`No user with email ${email}; register first, then run this again.`);
    console.log(`${email} is now a platform admin.`);
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
