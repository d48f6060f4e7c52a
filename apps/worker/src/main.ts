import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { LOGGER, loadConfigOrExit, type Logger, NestPinoLogger } from '@ringlypro/core';
import { JobRecovery } from '@ringlypro/messaging';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (!config.redisUrl) {
    // Without Redis the queue is in-process: the API already runs every job itself.
    console.error('REDIS_URL: is required by the worker. Without it, `npm start` runs jobs inside the API process.');
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  app.enableShutdownHooks();
  await app.init();
  logger.info({ database: config.database.kind }, 'worker running');
  app.get(JobRecovery).recoverInBackground();
}

bootstrap().catch((error) => {
  console.error('RinglyPro worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
