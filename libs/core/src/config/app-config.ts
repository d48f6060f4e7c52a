import type { NodeEnv } from './environment.schema';

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
  /** What open sign-up may cost the platform in phone numbers. */
  provisioning: {
    /** Numbers bought per rolling hour / day, platform-wide; beyond them provisioning waits in the queue. */
    budgetPerHour: number;
    budgetPerDay: number;
    /** Release the number of an account nobody has logged into for this many days; 0 never releases. */
    releaseAfterDays: number;
  };
  /** Load the demo tenants on the first embedded boot. */
  demoSeed: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
