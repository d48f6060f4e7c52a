import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { AppConfig } from './app-config';
import { ConfigError } from './config-error';
import { loadOrCreateDevJwtSecret, loadOrCreateSecret } from './dev-jwt-secret';
import { EnvironmentVariables } from './environment.schema';
import { NANP_COUNTRIES } from '../phone/nanp-regions';
import { weakSecretReason } from './secret-strength';
import { parseTrustProxy } from './trust-proxy';

/** Required when NODE_ENV=production: an embedded default there would silently lose data or security. */
const REQUIRED_IN_PRODUCTION = ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'WEBHOOK_BASE_URL'] as const;

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

function sslRequested(url: string): boolean {
  const mode = new URL(url).searchParams.get('sslmode');
  return mode !== null && mode !== 'disable';
}

/**
 * Validates the raw environment once and turns it into the typed AppConfig.
 * Throws ConfigError naming every bad or missing variable, so the boot stops with one clear message.
 */
export function validateEnvironment(rawEnv: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = plainToInstance(EnvironmentVariables, blankToUndefined(rawEnv), { enableImplicitConversion: false });
  const problems: string[] = [];
  for (const error of validateSync(env, { whitelist: false, forbidUnknownValues: false })) {
    const messages = Object.values(error.constraints ?? {});
    problems.push(`${error.property}: ${messages.join('; ') || 'is invalid'}`);
  }
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv === 'production') {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!env[name]) problems.push(`${name}: is required when NODE_ENV=production`);
    }
  }
  // A guessable signing key lets anyone forge a token for any tenant; refused in every mode, so a
  // placeholder copied from .env.example fails on the developer's machine before it reaches production.
  const weakJwt = env.JWT_SECRET && env.JWT_SECRET.length >= 32 ? weakSecretReason(env.JWT_SECRET) : null;
  if (weakJwt) problems.push(`JWT_SECRET: ${weakJwt}`);
  if (Boolean(env.TWILIO_ACCOUNT_SID) !== Boolean(env.TWILIO_AUTH_TOKEN)) {
    problems.push(
      env.TWILIO_ACCOUNT_SID
        ? 'TWILIO_AUTH_TOKEN: is required when TWILIO_ACCOUNT_SID is set'
        : 'TWILIO_ACCOUNT_SID: is required when TWILIO_AUTH_TOKEN is set',
    );
  }
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) {
    problems.push('STRIPE_SECRET_KEY: is required when STRIPE_WEBHOOK_SECRET is set');
  }
  const unknownCountries = (env.SMS_ALLOWED_COUNTRIES ?? '').split(',').map((c) => c.trim().toUpperCase()).filter((c) => c && !NANP_COUNTRIES.has(c));
  if (unknownCountries.length > 0) {
    problems.push(`SMS_ALLOWED_COUNTRIES: ${unknownCountries.join(', ')} cannot be texted; choose among the +1 countries ${[...NANP_COUNTRIES].join(', ')}`);
  }
  // Production on the simulator answers nobody's calls and sends no texts while looking healthy.
  if (nodeEnv === 'production' && !env.TWILIO_ACCOUNT_SID && env.ALLOW_TWILIO_SIMULATOR !== 'true') {
    problems.push('TWILIO_ACCOUNT_SID: is required when NODE_ENV=production (or set ALLOW_TWILIO_SIMULATOR=true to run on the offline simulator)');
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  if (problems.length > 0 || 'problem' in trustProxy) throw new ConfigError(problems);

  const port = env.PORT ?? 3000;
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  // Tests get a throwaway in-memory database and secret; development persists both under ./data.
  const isTest = nodeEnv === 'test';
  const localUrl = `http://localhost:${port}`;
  return {
    nodeEnv,
    port,
    dataDir,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          ssl: sslRequested(env.DATABASE_URL),
          statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000,
          idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 60_000,
        }
      : { kind: 'pglite', dataDir: isTest ? null : resolve(dataDir, 'pglite') },
    redisUrl: env.REDIS_URL ?? null,
    queuePrefix: env.QUEUE_PREFIX ?? 'ringlypro',
    jwt: {
      secret: env.JWT_SECRET ?? (isTest ? randomBytes(48).toString('base64url') : loadOrCreateDevJwtSecret(dataDir)),
      expiresIn: env.JWT_EXPIRES_IN ?? '12h',
    },
    webhookBaseUrl: (env.WEBHOOK_BASE_URL ?? localUrl).replace(/\/+$/, ''),
    baseUrl: (env.BASE_URL ?? env.WEBHOOK_BASE_URL ?? localUrl).replace(/\/+$/, ''),
    twilio:
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
        ? {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            phoneNumber: env.TWILIO_PHONE_NUMBER ?? null,
            apiBaseUrl: env.TWILIO_API_BASE_URL ?? null,
          }
        : null,
    webhookSigningToken:
      env.TWILIO_AUTH_TOKEN ?? (isTest ? randomBytes(24).toString('hex') : loadOrCreateSecret(dataDir, 'twilio-simulator-token')),
    elevenLabsApiKey: env.ELEVENLABS_API_KEY ?? null,
    elevenLabs: {
      apiKey: env.ELEVENLABS_API_KEY ?? null,
      // A setting, never a constant: the seed's Rachel voice was retired from the default library.
      voiceId: env.ELEVENLABS_VOICE_ID ?? null,
      modelId: env.ELEVENLABS_MODEL_ID ?? 'eleven_flash_v2_5',
      outputFormat: env.ELEVENLABS_OUTPUT_FORMAT ?? 'mp3_22050_32',
      apiBaseUrl: (env.ELEVENLABS_API_BASE_URL ?? 'https://api.elevenlabs.io').replace(/\/+$/, ''),
      timeoutMs: env.ELEVENLABS_TIMEOUT_MS ?? 600,
    },
    audioCache: {
      backend: env.AUDIO_CACHE ?? 'file',
      maxBytes: (env.AUDIO_CACHE_MAX_MB ?? 512) * 1024 * 1024,
      onDemandIdleMs: (env.AUDIO_CACHE_ON_DEMAND_IDLE_HOURS ?? 24) * 3_600_000,
    },
    stripe: env.STRIPE_SECRET_KEY
      ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null, apiBaseUrl: env.STRIPE_API_BASE_URL ?? null }
      : null,
    billing: {
      freeMinutesPerMonth: env.BILLING_FREE_MINUTES_PER_MONTH ?? 100,
      smsRatePerSegment: env.BILLING_SMS_RATE_PER_SEGMENT ?? '0',
      lowBalanceThreshold: env.BILLING_LOW_BALANCE_THRESHOLD ?? '5.00',
      internalToken: env.BILLING_INTERNAL_TOKEN ?? null,
    },
    booking: {
      minNoticeMinutes: env.BOOKING_MIN_NOTICE_MINUTES ?? 60,
      horizonDays: env.BOOKING_HORIZON_DAYS ?? 60,
      slotIntervalMinutes: env.BOOKING_SLOT_INTERVAL_MINUTES ?? null,
    },
    sms: {
      allowedCountries: (env.SMS_ALLOWED_COUNTRIES ?? 'US,CA').split(',').map((c) => c.trim().toUpperCase()),
      maxPerMinute: env.SMS_MAX_PER_MINUTE ?? 30,
      maxPerDay: env.SMS_MAX_PER_DAY ?? 500,
      maxConfirmationSends: env.SMS_MAX_CONFIRMATION_SENDS ?? 3,
    },
    provisioning: {
      budgetPerHour: env.PROVISIONING_BUDGET_PER_HOUR ?? 20,
      budgetPerDay: env.PROVISIONING_BUDGET_PER_DAY ?? 100,
      releaseAfterDays: env.NUMBER_RELEASE_AFTER_DAYS ?? 90,
    },
    voice: {
      sayVoice: env.VOICE_SAY_VOICE ?? 'Polly.Joanna-Neural',
      language: env.VOICE_LANGUAGE ?? 'en-US',
      speechModel: env.VOICE_SPEECH_MODEL ?? 'phone_call',
      maxTurns: env.VOICE_MAX_TURNS ?? 24,
      slotHoldMinutes: env.VOICE_SLOT_HOLD_MINUTES ?? 5,
      conversationTtlSeconds: env.VOICE_CONVERSATION_TTL_SECONDS ?? 3600,
      transport: env.VOICE_TRANSPORT ?? 'gather',
    },
    passwordHashing: {
      // Leave one core to the event loop; more than four threads only queues CPU time elsewhere.
      threads: env.PASSWORD_HASH_THREADS ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
      maxQueued: env.PASSWORD_HASH_MAX_QUEUED ?? 64,
    },
    trustProxy: trustProxy.value,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((origin) => origin.trim().replace(/\/+$/, '')) : [],
    swaggerEnabled: env.SWAGGER_ENABLED ? env.SWAGGER_ENABLED === 'true' : nodeEnv !== 'production',
    rateLimits: {
      tenantPerMinute: env.RATE_LIMIT_TENANT_PER_MINUTE ?? 600,
      addressPerMinute: env.RATE_LIMIT_ADDRESS_PER_MINUTE ?? 120,
      webhooksPerMinute: env.RATE_LIMIT_WEBHOOKS_PER_MINUTE ?? 6000,
      registrationsPerHour: env.RATE_LIMIT_REGISTRATIONS_PER_HOUR ?? 5,
      loginAccountMaxFailures: env.LOGIN_ACCOUNT_MAX_FAILURES ?? 20,
    },
    logLevel: env.LOG_LEVEL ?? (isTest ? 'silent' : 'info'),
    demoSeed: env.DEMO_SEED ? env.DEMO_SEED === 'true' : !isTest && !env.DATABASE_URL,
  };
}
