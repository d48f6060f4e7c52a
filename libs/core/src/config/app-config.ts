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
  /** Rachel's conversation. */
  voice: {
    /** Twilio <Say> voice, e.g. Polly.Joanna-Neural (neural voices sound least robotic on a phone). */
    sayVoice: string;
    /** BCP-47 language of speech recognition and of <Say>. */
    language: string;
    /** Twilio <Gather> speechModel; 'phone_call' is tuned for narrow-band phone audio. */
    speechModel: string;
    /** Caller turns before Rachel ends a conversation that is going nowhere. */
    maxTurns: number;
    /** Minutes an offered slot stays held for the caller between the offer and their "yes". */
    slotHoldMinutes: number;
    /** Seconds a conversation's state outlives its last turn (abandoned calls clean themselves up). */
    conversationTtlSeconds: number;
  };
  /** Load the demo tenants on the first embedded boot. */
  demoSeed: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
