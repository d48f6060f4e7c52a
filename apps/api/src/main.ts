import 'reflect-metadata';
import { assertPortFree, DataDirLockedError, EmbeddedDatabaseUnreadableError, PGliteSessionPool, LOGGER, loadConfigOrExit, lockDataDir, type Logger, PortInUseError, releaseLockOnShutdown } from '@ringlypro/core';
import { JobRecovery } from '@ringlypro/messaging';
import { DataSource } from 'typeorm';
import { createApiApp } from './create-api-app';
import { ensureDemoData } from './demo/demo-seed';
import { printBanner } from './demo/banner';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfigOrExit();
  // Nothing is opened before these two hold: an embedded data directory has one writer, and a start
  // that cannot listen must fail before it touches the database or the queue.
  const lock = config.database.kind === 'pglite' && config.database.dataDir ? lockDataDir(config.dataDir, config.port) : null;
  await assertPortFree(config.port);
  if (config.database.kind === 'pglite' && config.database.dataDir) await PGliteSessionPool.preopen(config.database.dataDir);
  const app = await createApiApp(config, { extraImports: lock ? [releaseLockOnShutdown(lock)] : [] });
  const logger = app.get<Logger>(LOGGER);
  const demo = config.demoSeed ? await ensureDemoData(app.get(DataSource), config) : null;
  await app.listen(config.port);
  logger.info({ port: config.port, database: config.database.kind, queue: config.redisUrl ? 'bull' : 'inline', boot_ms: Date.now() - startedAt }, 'api listening');
  // Only a started instance recovers owed jobs; a failed start leaves them to the instance that runs.
  app.get(JobRecovery).recoverInBackground();
  printBanner(config, demo);
}

bootstrap().catch((error) => {
  const known = error instanceof DataDirLockedError || error instanceof PortInUseError || error instanceof EmbeddedDatabaseUnreadableError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(known ? message : `RinglyPro API failed to start: ${message}`);
  process.exit(1);
});
