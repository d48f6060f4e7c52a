import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { accessLogMiddleware, AllExceptionsFilter, APP_CONFIG, type AppConfig, applySecurityHeaders, bodyParsers, ErrorLogService, inputSafetyMiddleware, type QueueRegistry, type Clock, LOGGER, type Logger, NestPinoLogger, requestIdMiddleware } from '@ringlypro/core';
import { TwilioWebhookLane } from '@ringlypro/telephony';
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
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(new NestPinoLogger(logger));
  app.use(requestIdMiddleware);
  applySecurityHeaders(app, config);
  app.use(accessLogMiddleware(logger));
  app.use(...bodyParsers());
  app.use(inputSafetyMiddleware);
  // Twilio's webhooks skip Nest's per-request pipeline (see TwilioWebhookLane): mounted here, after the
  // middleware above and before the router Nest builds at init.
  app.get(TwilioWebhookLane).mount(app, new AllExceptionsFilter(app.get(ErrorLogService), logger));
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (default: none), so a client
  // cannot choose the address its rate limits and login counters are keyed by.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  // The explorer maps every route and field for whoever finds it: off in production unless asked for.
  if (config.swaggerEnabled) setupSwagger(app);
  return app;
}
