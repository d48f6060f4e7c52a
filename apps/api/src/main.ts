import 'reflect-metadata';
import { LOGGER, loadConfigOrExit, type Logger } from '@ringlypro/core';
import { DataSource } from 'typeorm';
import { createApiApp } from './create-api-app';
import { ensureDemoData } from './demo/demo-seed';
import { printBanner } from './demo/banner';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  const logger = app.get<Logger>(LOGGER);
  const demo = config.demoSeed ? await ensureDemoData(app.get(DataSource), config) : null;
  await app.listen(config.port);
  logger.info({ port: config.port, database: config.database.kind, queue: config.redisUrl ? 'bull' : 'inline', boot_ms: Date.now() - startedAt }, 'api listening');
  printBanner(config, demo);
}

bootstrap().catch((error) => {
  console.error('RinglyPro API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
