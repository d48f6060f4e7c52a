import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { accessLogMiddleware, type AppConfig, bodyParsers, inputSafetyMiddleware, type QueueRegistry, type Clock, LOGGER, type Logger, NestPinoLogger, requestIdMiddleware } from '@ringlypro/core';
import { ApiModule } from './api.module';
import { setupSwagger } from './openapi/swagger';

export interface ApiAppOptions {
  /** Defaults to "when the queue is inline": with Redis, apps/worker runs the jobs. */
  processJobs?: boolean;
  clock?: Clock;
  extraImports?: Array<Type | DynamicModule>;
  queueRegistry?: QueueRegistry;
}

/** Builds the configured HTTP app; `main.ts`, the OpenAPI export and the e2e tests all use this. */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<NestExpressApplication> {
  const processJobs = options.processJobs ?? config.redisUrl === null;
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config, { processJobs, clock: options.clock, extraImports: options.extraImports, queueRegistry: options.queueRegistry }),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  return configureApiApp(app);
}

/**
 * Everything an API app needs beyond its modules: logging, request ids, body parsers, Swagger. Split
 * out so a test can build the same app from a testing module whose providers it overrides.
 */
export function configureApiApp(app: NestExpressApplication): NestExpressApplication {
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware(logger));
  app.use(...bodyParsers());
  app.use(inputSafetyMiddleware);
  // Behind one TLS-terminating proxy (Render, a load balancer): the client IP is the first hop's.
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  setupSwagger(app);
  return app;
}
