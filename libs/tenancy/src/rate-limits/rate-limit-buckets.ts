import type { AppConfig } from '@ringlypro/core';
import type { ThrottlerOptions } from '@nestjs/throttler';

/** The named budgets; each request is counted against those that apply to it (see ApiRateLimitGuard). */
export enum RateBucket {
  /** Authenticated requests, keyed by the token's client. */
  Tenant = 'tenant',
  /** Requests without a valid token, keyed by the client address. */
  Address = 'address',
  /** Twilio webhooks of every tenant together. */
  Webhooks = 'webhooks',
  /** Sign-ups, keyed by address, per hour. */
  SignUp = 'sign-up',
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The throttlers @nestjs/throttler iterates; limits come from the environment (AppConfig.rateLimits). */
export function rateBuckets(config: AppConfig): ThrottlerOptions[] {
  const limits = config.rateLimits;
  return [
    { name: RateBucket.Tenant, ttl: MINUTE_MS, limit: limits.tenantPerMinute },
    { name: RateBucket.Address, ttl: MINUTE_MS, limit: limits.addressPerMinute },
    { name: RateBucket.Webhooks, ttl: MINUTE_MS, limit: limits.webhooksPerMinute },
    { name: RateBucket.SignUp, ttl: HOUR_MS, limit: limits.registrationsPerHour },
  ];
}
