import type { NodeEnv } from './environment.schema';
import type { TrustProxy } from './trust-proxy';

/** The validated, defaulted configuration every module reads. Injected with the APP_CONFIG token. */
export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Where embedded state lives: the PGlite database and the generated development JWT secret. */
  dataDir: string;
  database:
    | {
        kind: 'postgres';
        url: string;
        ssl: boolean;
        /** Postgres cancels any one statement that runs longer (default 30 s). */
        statementTimeoutMs: number;
        /** Postgres ends a session left idle inside an open transaction this long (default 60 s). */
        idleInTransactionTimeoutMs: number;
      }
    | { kind: 'pglite'; dataDir: string | null };
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
  /** Rachel's own voice on the Gather path; see "Rachel's voice (ElevenLabs)" in the README. */
  elevenLabs: {
    /** null: Rachel speaks with <Say>. */
    apiKey: string | null;
    /** Platform default voice; null with a key set: <Say> until a voice is configured. */
    voiceId: string | null;
    /** Low-latency model (default eleven_flash_v2_5). */
    modelId: string;
    /** Telephony-friendly MP3 (default mp3_22050_32: small, fast, plenty for 8 kHz phone audio). */
    outputFormat: string;
    /** Origin of the REST API (a fake ElevenLabs in tests). */
    apiBaseUrl: string;
    /** Budget for the first audio byte; past it the line falls back to <Say> (default 600 ms). */
    timeoutMs: number;
  };
  /** Where Rachel's rendered clips are kept; see "Audio cache: backends and hit rate" in the README. */
  audioCache: {
    /** 'file': DATA_DIR/voice-audio, one replica (default); 'postgres': table voice_audio_clips, shared. */
    backend: 'file' | 'postgres';
    /** Audio bytes kept at most; past it the least recently served clips are evicted (default 512 MB). */
    maxBytes: number;
    /** An on-demand clip (may carry caller data) not served for this long is deleted (default 24 h). */
    onDemandIdleMs: number;
  };
  /** apiBaseUrl: send the SDK's requests to another origin (a fake Stripe in tests); null → api.stripe.com. */
  stripe: { secretKey: string; webhookSecret: string | null; apiBaseUrl: string | null } | null;
  billing: {
    /** Free minutes every business gets each month in its own timezone (default 100). */
    freeMinutesPerMonth: number;
    /** Dollars per text segment, a decimal string (default '0': the seed prices only minutes). */
    smsRatePerSegment: string;
    /** Paid balance below which the owner is texted once, when the free minutes are used up (default '5.00'). */
    lowBalanceThreshold: string;
    /** X-Internal-Token accepted by POST /api/credits/track-usage; null: platform admins only. */
    internalToken: string | null;
  };
  logLevel: string;
  booking: {
    /** Nothing can be booked sooner than this (default 60 minutes). */
    minNoticeMinutes: number;
    /** Nor further ahead than this (default 60 days). */
    horizonDays: number;
    /** Minutes between offered slots; null means each client's appointment duration. */
    slotIntervalMinutes: number | null;
  };
  /** Limits on outbound texts, against SMS pumping and toll fraud at the platform's cost. */
  sms: {
    /** ISO codes of the NANP countries texts may go to (default US and CA); numbers outside +1 never. */
    allowedCountries: string[];
    /** Per tenant, rolling minute (default 30). */
    maxPerMinute: number;
    /** Per tenant, rolling 24 hours (default 500). */
    maxPerDay: number;
    /** Confirmation texts one appointment may get, the automatic one included (default 3). */
    maxConfirmationSends: number;
  };
  /** What open sign-up may cost the platform in phone numbers. */
  provisioning: {
    /** Numbers bought per rolling hour / day, platform-wide; beyond them provisioning waits in the queue. */
    budgetPerHour: number;
    budgetPerDay: number;
    /** Release the number of an account nobody has logged into for this many days; 0 never releases. */
    releaseAfterDays: number;
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
    /**
     * How a business's calls are carried when its own voice_transport is null: 'gather' (a webhook per
     * turn, <Play>/<Say>) or 'relay' (Twilio ConversationRelay over a WebSocket, streaming and interruptible).
     */
    transport: 'gather' | 'relay';
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
