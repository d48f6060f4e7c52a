import type { NodeEnv } from './environment.schema';
import type { TrustProxy } from './trust-proxy';

/** The validated, defaulted configuration every module reads. Injected with the APP_CONFIG token. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Where embedded state lives: the PGlite database and the generated development JWT secret. */
  dataDir: string;
  database: { kind: 'postgres'; url: string; ssl: boolean } | { kind: 'pglite'; dataDir: string | null };
  redisUrl: string | null;
  /** Redis key prefix of every queue; lets several deployments (or test runs) share one Redis. */
  queuePrefix: string;
  jwt: { secret: string; expiresIn: string };
  webhookBaseUrl: string;
  baseUrl: string;
  twilio: { accountSid: string; authToken: string; phoneNumber: string | null; apiBaseUrl: string | null } | null;
  /**
   * The token X-Twilio-Signature is checked against: the Twilio auth token, or without a Twilio
   * account the simulator's own token, so webhooks are verified the same way everywhere.
   */
  webhookSigningToken: string;
  elevenLabsApiKey: string | null;
  stripe: { secretKey: string; webhookSecret: string | null } | null;
  logLevel: string;
  booking: {
    /** Nothing can be booked sooner than this (default 60 minutes). */
    minNoticeMinutes: number;
    /** Nor further ahead than this (default 60 days). */
    horizonDays: number;
    /** Minutes between offered slots; null means each client's appointment duration. */
    slotIntervalMinutes: number | null;
  };
  /** bcrypt runs on worker threads: how many, and how much work may wait for one before a 429. */
  passwordHashing: { threads: number; maxQueued: number };
  /** Express `trust proxy`: which hops may set X-Forwarded-For (default: none). */
  trustProxy: TrustProxy;
  /** Requests allowed per window; see the "Hardening: abuse limits and secrets" section of the README. */
  rateLimits: {
    /** Per client, weighted by route cost, per minute (authenticated requests). */
    tenantPerMinute: number;
    /** Per address, weighted by route cost, per minute (requests without a valid token). */
    addressPerMinute: number;
    /** All Twilio webhooks together, per minute: never per tenant, so a burst of real calls is not refused. */
    webhooksPerMinute: number;
    /** Sign-ups per address per hour: each one buys a phone number. */
    registrationsPerHour: number;
    /** Failed logins for one account, from any address, within 15 minutes before it is locked. */
    loginAccountMaxFailures: number;
  };
  /** Browser origins allowed to call the API cross-origin (dashboards elsewhere); empty: no CORS. */
  corsOrigins: string[];
  /** Serve the Swagger explorer at /docs (default: on, except in production). */
  swaggerEnabled: boolean;
  /** Load the demo tenants on the first embedded boot. */
  demoSeed: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
