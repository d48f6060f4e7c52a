import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import type { RateLimitOutcome, RateLimitStore } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-rate-limit-store';

/** Redis counters when REDIS_URL is set (shared by every replica), in-process counters otherwise. */
@Injectable()
export class ConfiguredRateLimitStore implements RateLimitStore, OnModuleDestroy {
  /** Created on the first request, so the worker process (which serves no HTTP) opens no connection. */
  private store: MemoryRateLimitStore | RedisRateLimitStore | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hit(key: string, weight: number, limit: number, windowMs: number, blockMs: number): Promise<RateLimitOutcome> {
    this.store ??= this.config.redisUrl ? RedisRateLimitStore.connect(this.config.redisUrl, this.config.queuePrefix) : new MemoryRateLimitStore();
    return this.store.hit(key, weight, limit, windowMs, blockMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.store instanceof RedisRateLimitStore) await this.store.close();
  }
}
