import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { accessLogMiddleware, type AppConfig, applySecurityHeaders, bodyParsers, type QueueRegistry, type Clock, LOGGER, type Logger, NestPinoLogger, requestIdMiddleware } from '@ringlypro/core';
import { ApiModule } from './api.module';
import { setupSwagger } from './openapi/swagger';

export interface ApiAppOptions {
  /** Defaults to "when the queue is inline": with Redis, apps/worker runs the jobs. */
  processJobs?: boolean;
  clock?: Clock;
  extraImports?: Type[];
  queueRegistry?: QueueRegistry;
}

/** Builds the configured HTTP app; `main.ts`, the OpenAPI export and the e2e tests all use this. */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<NestExpressApplication> {
  const processJobs = options.processJobs ?? config.redisUrl === null;
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config, { processJobs, clock: options.clock, extraImports: options.extraImports, queueRegistry: options.queueRegistry }),
    { bufferLogs: true, bodyParser: false },
  );
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  app.use(requestIdMiddleware);
  applySecurityHeaders(app, config);
  app.use(accessLogMiddleware(logger));
  app.use(...bodyParsers());
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (default: none), so a client
  // cannot choose the address its rate limits and login counters are keyed by.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  // The explorer maps every route and field for whoever finds it: off in production unless asked for.
  if (config.swaggerEnabled) setupSwagger(app);
  return app;
}
