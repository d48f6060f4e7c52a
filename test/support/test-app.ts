import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { type AppConfig, type Clock, type QueueRegistry, validateEnvironment } from '@ringlypro/core';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApiApp, createApiApp } from '../../apps/api/src/create-api-app';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  extraImports?: Type[];
  processJobs?: boolean;
  queueRegistry?: QueueRegistry;
  /**
   * Providers replaced for this app (Nest's testing-module overrides): the seams to the outside world
   * a test controls, such as billing's CallAdmission or a conversation store that fails on demand.
   */
  overrides?: Array<{ provide: unknown; useValue: unknown }>;
}

/**
 * Suites sign up hundreds of businesses and log in many times from 127.0.0.1 within a minute; the
 * production defaults would refuse them. The mechanism stays on: test/security/ sets tight limits.
 */
export const GENEROUS_TEST_LIMITS: Record<string, string> = {
  RATE_LIMIT_TENANT_PER_MINUTE: '100000',
  RATE_LIMIT_ADDRESS_PER_MINUTE: '100000',
  RATE_LIMIT_WEBHOOKS_PER_MINUTE: '100000',
  RATE_LIMIT_REGISTRATIONS_PER_HOUR: '100000',
};

/**
 * Boots the real API over its own fresh database (a Postgres clone, or in-memory PGlite) and, when
 * REDIS_URL is set, the bull queue under a prefix of its own, so test files never see each other.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const env: Record<string, string> = { NODE_ENV: 'test', QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`, ...GENEROUS_TEST_LIMITS };
  if (database.url) env.DATABASE_URL = database.url;
  if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
  const config = validateEnvironment({ ...env, ...options.env });
  const appOptions = { clock: options.clock, extraImports: options.extraImports, processJobs: options.processJobs ?? true, queueRegistry: options.queueRegistry };
  const app = options.overrides?.length ? await withOverrides(config, appOptions, options.overrides) : await createApiApp(config, appOptions);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

async function withOverrides(
  config: AppConfig,
  options: { clock?: Clock; extraImports?: Type[]; processJobs: boolean; queueRegistry?: QueueRegistry },
  overrides: NonNullable<TestAppOptions['overrides']>,
): Promise<NestExpressApplication> {
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config, options)] });
  for (const { provide, useValue } of overrides) builder = builder.overrideProvider(provide as never).useValue(useValue);
  const moduleRef = await builder.compile();
  return configureApiApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false }));
}
