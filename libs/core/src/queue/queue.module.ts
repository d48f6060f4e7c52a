import { BullModule, getQueueToken } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Queue } from 'bull';
import type { AppConfig } from '../config/app-config';
import type { QueueRegistry } from './job-definition';
import { BullQueueDriver, RedisLifecycle } from './drivers/bull-queue.driver';
import { InlineQueueDriver } from './drivers/inline-queue.driver';
import { JobDispatcher, PROCESS_JOBS, QUEUE_REGISTRY_TOKEN } from './job-dispatcher.service';
import { QUEUE_DRIVER } from './queue-driver';
import { QUEUE_REGISTRY, QueueName } from './queue-registry';
import { QueueService } from './queue.service';

/** Picks the driver from the configuration: bull when REDIS_URL is set, inline otherwise. */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig, options: { processJobs: boolean; queueRegistry?: QueueRegistry }): DynamicModule {
    const queueNames = Object.values(QueueName);
    const common = [
      JobDispatcher,
      QueueService,
      { provide: QUEUE_REGISTRY_TOKEN, useValue: options.queueRegistry ?? QUEUE_REGISTRY },
      { provide: PROCESS_JOBS, useValue: options.processJobs },
    ];
    if (!config.redisUrl) {
      return {
        module: QueueModule,
        global: true,
        imports: [DiscoveryModule],
        providers: [...common, { provide: QUEUE_DRIVER, inject: [QUEUE_REGISTRY_TOKEN],
            useFactory: (registry: QueueRegistry) => new InlineQueueDriver(registry) }],
        exports: [QueueService],
      };
    }
    const lifecycle = new RedisLifecycle();
    return {
      module: QueueModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ url: config.redisUrl, prefix: config.queuePrefix, redis: { retryStrategy: lifecycle.retryStrategy } }),
        BullModule.registerQueue(...queueNames.map((name) => ({ name }))),
      ],
      providers: [
        ...common,
        {
          provide: QUEUE_DRIVER,
          inject: [QUEUE_REGISTRY_TOKEN, ...queueNames.map((name) => getQueueToken(name))],
          useFactory: (registry: QueueRegistry, ...queues: Queue[]) =>
            new BullQueueDriver(new Map(queueNames.map((name, i) => [name, queues[i]])), registry, lifecycle),
        },
      ],
      exports: [QueueService],
    };
  }
}
