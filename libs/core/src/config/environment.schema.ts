import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';

/** A non-negative dollar amount with at most 4 decimals (money is exact: no exponent, no sign). */
const MONEY = /^\d{1,6}(\.\d{1,4})?$/;

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/**
 * Every environment variable the product reads, validated once at boot.
 * Presence rules that depend on NODE_ENV live in validateEnvironment(), because class-validator
 * cannot express "required only in production" without obscuring the message.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS)
  NODE_ENV?: NodeEnv;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]?$/, { message: 'JWT_EXPIRES_IN must be a number of seconds or a duration such as 12h' })
  JWT_EXPIRES_IN?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'WEBHOOK_BASE_URL must be an http(s) URL' })
  WEBHOOK_BASE_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'BASE_URL must be an http(s) URL' })
  BASE_URL?: string;

  @IsOptional()
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits' })
  TWILIO_ACCOUNT_SID?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'TWILIO_AUTH_TOKEN must be at least 16 characters' })
  TWILIO_AUTH_TOKEN?: string;

  @IsOptional()
  @Matches(/^\+[1-9]\d{7,14}$/, { message: 'TWILIO_PHONE_NUMBER must be an E.164 number such as +18886103810' })
  TWILIO_PHONE_NUMBER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TWILIO_API_BASE_URL must be an http(s) URL' })
  TWILIO_API_BASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ELEVENLABS_API_KEY must be at least 8 characters' })
  ELEVENLABS_API_KEY?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9]{8,64}$/, { message: 'ELEVENLABS_VOICE_ID must be an ElevenLabs voice id (8-64 letters and digits)' })
  ELEVENLABS_VOICE_ID?: string;

  @IsOptional()
  @Matches(/^[a-z0-9_]{3,64}$/, { message: 'ELEVENLABS_MODEL_ID must be an ElevenLabs model id such as eleven_flash_v2_5' })
  ELEVENLABS_MODEL_ID?: string;

  @IsOptional()
  @IsIn(['mp3_22050_32', 'mp3_44100_32', 'mp3_44100_64', 'mp3_44100_96', 'mp3_44100_128'], {
    message: 'ELEVENLABS_OUTPUT_FORMAT must be an MP3 format Twilio <Play> accepts, such as mp3_22050_32',
  })
  ELEVENLABS_OUTPUT_FORMAT?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'ELEVENLABS_API_BASE_URL must be an http(s) URL' })
  ELEVENLABS_API_BASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(10_000)
  ELEVENLABS_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(['file', 'postgres'], { message: 'AUDIO_CACHE must be file (DATA_DIR, one replica) or postgres (shared by every replica)' })
  AUDIO_CACHE?: 'file' | 'postgres';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'AUDIO_CACHE_MAX_MB must be a whole number of megabytes' })
  @Min(1)
  @Max(1_000_000)
  AUDIO_CACHE_MAX_MB?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'AUDIO_CACHE_ON_DEMAND_IDLE_HOURS must be a whole number of hours' })
  @Min(1)
  @Max(24 * 90)
  AUDIO_CACHE_ON_DEMAND_IDLE_HOURS?: number;

  @IsOptional()
  @Matches(/^sk_(test|live)_[0-9a-zA-Z]+$/, { message: 'STRIPE_SECRET_KEY must start with sk_test_ or sk_live_' })
  STRIPE_SECRET_KEY?: string;

  @IsOptional()
  @Matches(/^whsec_[0-9a-zA-Z]+$/, { message: 'STRIPE_WEBHOOK_SECRET must start with whsec_' })
  STRIPE_WEBHOOK_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'STRIPE_API_BASE_URL must be an http(s) URL' })
  STRIPE_API_BASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  BILLING_FREE_MINUTES_PER_MONTH?: number;

  @IsOptional()
  @Matches(MONEY, { message: 'BILLING_SMS_RATE_PER_SEGMENT must be a dollar amount such as 0.0079 (at most 4 decimals)' })
  BILLING_SMS_RATE_PER_SEGMENT?: string;

  @IsOptional()
  @Matches(MONEY, { message: 'BILLING_LOW_BALANCE_THRESHOLD must be a dollar amount such as 5.00 (at most 4 decimals)' })
  BILLING_LOW_BALANCE_THRESHOLD?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BILLING_INTERNAL_TOKEN must be at least 32 characters' })
  BILLING_INTERNAL_TOKEN?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS?: number;

  @IsOptional()
  @Matches(/^[A-Za-z]{2}(\s*,\s*[A-Za-z]{2})*$/, { message: 'SMS_ALLOWED_COUNTRIES must be a comma-separated list of two-letter country codes such as US,CA' })
  SMS_ALLOWED_COUNTRIES?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SMS_MAX_PER_MINUTE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SMS_MAX_PER_DAY?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  SMS_MAX_CONFIRMATION_SENDS?: number;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  DEMO_SEED?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_080)
  BOOKING_MIN_NOTICE_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  BOOKING_HORIZON_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(480)
  BOOKING_SLOT_INTERVAL_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  PROVISIONING_BUDGET_PER_HOUR?: number;

  @IsOptional()
  @Matches(/^(Polly\.[A-Za-z]+(-Neural|-Generative)?|Google\.[A-Za-z]{2}-[A-Z]{2}-[A-Za-z0-9-]+|alice|man|woman)$/, {
    message: 'VOICE_SAY_VOICE must be a Twilio <Say> voice such as Polly.Joanna-Neural',
  })
  VOICE_SAY_VOICE?: string;

  @IsOptional()
  @Matches(/^[a-z]{2}-[A-Z]{2}$/, { message: 'VOICE_LANGUAGE must be a language tag such as en-US' })
  VOICE_LANGUAGE?: string;

  @IsOptional()
  @IsIn(['default', 'numbers_and_commands', 'phone_call', 'experimental_conversations', 'experimental_utterances', 'googlev2_telephony', 'googlev2_telephony_short'])
  VOICE_SPEECH_MODEL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(100)
  VOICE_MAX_TURNS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  VOICE_SLOT_HOLD_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  PROVISIONING_BUDGET_PER_DAY?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32)
  PASSWORD_HASH_THREADS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  NUMBER_RELEASE_AFTER_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_MAX_QUEUED?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(86_400)
  VOICE_CONVERSATION_TTL_SECONDS?: number;

  @IsOptional()
  @IsIn(['gather', 'relay'], { message: "VOICE_TRANSPORT must be 'gather' or 'relay'" })
  VOICE_TRANSPORT?: 'gather' | 'relay';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  RATE_LIMIT_TENANT_PER_MINUTE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000000)
  RATE_LIMIT_ADDRESS_PER_MINUTE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000000)
  RATE_LIMIT_WEBHOOKS_PER_MINUTE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  RATE_LIMIT_REGISTRATIONS_PER_HOUR?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_ACCOUNT_MAX_FAILURES?: number;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://app.example.com (scheme and host, no path)',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  SWAGGER_ENABLED?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  ALLOW_TWILIO_SIMULATOR?: string;
}
