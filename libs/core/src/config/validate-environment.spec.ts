import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { validateEnvironment } from './validate-environment';

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnvironment(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateEnvironment', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'ringlypro-config-'));

  it('boots development with no variables at all: embedded database, inline queue, simulator', () => {
    const dir = dataDir();
    const config = validateEnvironment({ DATA_DIR: dir });
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    expect(config.redisUrl).toBeNull();
    expect(config.twilio).toBeNull();
    expect(config.webhookBaseUrl).toBe('http://localhost:3000');
  });

  it('generates the development JWT secret once and keeps it under the data directory', () => {
    const dir = dataDir();
    const first = validateEnvironment({ DATA_DIR: dir }).jwt.secret;
    const second = validateEnvironment({ DATA_DIR: dir }).jwt.secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(readFileSync(join(dir, 'dev-jwt-secret'), 'utf8').trim()).toBe(first);
  });

  it('requires JWT_SECRET, DATABASE_URL, REDIS_URL and WEBHOOK_BASE_URL in production, naming each', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'WEBHOOK_BASE_URL']) {
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name}: is required when NODE_ENV=production`)));
    }
  });

  it('accepts a complete production environment', () => {
    const config = validateEnvironment({
      NODE_ENV: 'production',
      JWT_SECRET: 'k3Jd9vQ2mX7pL0sT4wZ8yB1nR6cF5gH2jA9eU3iO',
      DATABASE_URL: 'postgresql://u:p@db.example.com:5432/ringlypro?sslmode=require',
      REDIS_URL: 'redis://cache.example.com:6379',
      WEBHOOK_BASE_URL: 'https://ringlypro-crm.onrender.com/',
      TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
      TWILIO_AUTH_TOKEN: 'b'.repeat(32),
    });
    expect(config.swaggerEnabled).toBe(false);
    expect(config.database).toEqual({ kind: 'postgres', url: expect.stringContaining('db.example.com'), ssl: true, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 });
    expect(config.sms).toEqual({ allowedCountries: ['US', 'CA'], maxPerMinute: 30, maxPerDay: 500, maxConfirmationSends: 3 });
    expect(config.webhookBaseUrl).toBe('https://ringlypro-crm.onrender.com');
    expect(config.twilio?.accountSid).toMatch(/^AC/);
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['DATABASE_URL', 'mysql://localhost/db', 'DATABASE_URL'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL'],
    ['JWT_SECRET', 'short', 'JWT_SECRET'],
    ['WEBHOOK_BASE_URL', 'ringlypro.example.com', 'WEBHOOK_BASE_URL'],
    ['TWILIO_PHONE_NUMBER', '888-610-3810', 'TWILIO_PHONE_NUMBER'],
    ['NODE_ENV', 'staging', 'NODE_ENV'],
    ['STRIPE_SECRET_KEY', 'pk_test_123', 'STRIPE_SECRET_KEY'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '0', 'DATABASE_STATEMENT_TIMEOUT_MS'],
    ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'forever', 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'],
    ['SMS_ALLOWED_COUNTRIES', 'US;CA', 'SMS_ALLOWED_COUNTRIES'],
    ['SMS_ALLOWED_COUNTRIES', 'US,GB', 'SMS_ALLOWED_COUNTRIES'],
    ['SMS_MAX_PER_MINUTE', '0', 'SMS_MAX_PER_MINUTE'],
    ['SMS_MAX_PER_DAY', '-5', 'SMS_MAX_PER_DAY'],
    ['SMS_MAX_CONFIRMATION_SENDS', '100', 'SMS_MAX_CONFIRMATION_SENDS'],
  ])('rejects a malformed %s (%s), naming the variable', (name, value, named) => {
    expect(problemsOf({ [name]: value, NODE_ENV: name === 'NODE_ENV' ? value : 'test' })).toContainEqual(expect.stringMatching(new RegExp(`^${named}: `)));
  });

  it('requires both halves of the Twilio credentials', () => {
    expect(problemsOf({ NODE_ENV: 'test', TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32) })).toEqual(['TWILIO_AUTH_TOKEN: is required when TWILIO_ACCOUNT_SID is set']);
  });

  it('reports every problem at once, so one boot attempt shows them all', () => {
    expect(problemsOf({ NODE_ENV: 'test', PORT: 'x', REDIS_URL: 'nope' })).toHaveLength(2);
  });

  it("defaults Rachel's voice settings and reads them when given", () => {
    expect(validateEnvironment({ NODE_ENV: 'test' }).voice).toEqual({
      sayVoice: 'Polly.Joanna-Neural',
      language: 'en-US',
      speechModel: 'phone_call',
      maxTurns: 24,
      slotHoldMinutes: 5,
      conversationTtlSeconds: 3600,
      transport: 'gather',
    });
    const voice = validateEnvironment({
      NODE_ENV: 'test',
      VOICE_SAY_VOICE: 'Google.en-US-Neural2-F',
      VOICE_LANGUAGE: 'en-GB',
      VOICE_SPEECH_MODEL: 'googlev2_telephony',
      VOICE_MAX_TURNS: '10',
      VOICE_SLOT_HOLD_MINUTES: '3',
      VOICE_CONVERSATION_TTL_SECONDS: '900',
      VOICE_TRANSPORT: 'relay',
    }).voice;
    expect(voice).toEqual({ sayVoice: 'Google.en-US-Neural2-F', language: 'en-GB', speechModel: 'googlev2_telephony', maxTurns: 10, slotHoldMinutes: 3, conversationTtlSeconds: 900, transport: 'relay' });
  });

  it('names each bad voice setting', () => {
    const problems = problemsOf({
      NODE_ENV: 'test',
      VOICE_SAY_VOICE: 'Robot<script>',
      VOICE_LANGUAGE: 'english',
      VOICE_SPEECH_MODEL: 'best',
      VOICE_MAX_TURNS: '1',
      VOICE_SLOT_HOLD_MINUTES: '0',
      VOICE_CONVERSATION_TTL_SECONDS: '10',
      VOICE_TRANSPORT: 'websocket',
    });
    for (const name of ['VOICE_SAY_VOICE', 'VOICE_LANGUAGE', 'VOICE_SPEECH_MODEL', 'VOICE_MAX_TURNS', 'VOICE_SLOT_HOLD_MINUTES', 'VOICE_CONVERSATION_TTL_SECONDS', 'VOICE_TRANSPORT']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('defaults the ElevenLabs settings (no voice constant) and names each bad one', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' }).elevenLabs).toEqual({
      apiKey: null,
      voiceId: null,
      modelId: 'eleven_flash_v2_5',
      outputFormat: 'mp3_22050_32',
      apiBaseUrl: 'https://api.elevenlabs.io',
      timeoutMs: 600,
    });
    const set = validateEnvironment({
      NODE_ENV: 'test',
      ELEVENLABS_API_KEY: 'xi_key_123456',
      ELEVENLABS_VOICE_ID: 'EXAVITQu4vr4xnSDxMaL',
      ELEVENLABS_API_BASE_URL: 'http://127.0.0.1:9999/',
      ELEVENLABS_TIMEOUT_MS: '400',
    }).elevenLabs;
    expect(set).toMatchObject({ apiKey: 'xi_key_123456', voiceId: 'EXAVITQu4vr4xnSDxMaL', apiBaseUrl: 'http://127.0.0.1:9999', timeoutMs: 400 });
    const problems = problemsOf({
      NODE_ENV: 'test',
      ELEVENLABS_VOICE_ID: '../voices',
      ELEVENLABS_MODEL_ID: 'Eleven Flash',
      ELEVENLABS_OUTPUT_FORMAT: 'pcm_16000',
      ELEVENLABS_API_BASE_URL: 'ftp://x',
      ELEVENLABS_TIMEOUT_MS: '20',
    });
    for (const name of ['ELEVENLABS_VOICE_ID', 'ELEVENLABS_MODEL_ID', 'ELEVENLABS_OUTPUT_FORMAT', 'ELEVENLABS_API_BASE_URL', 'ELEVENLABS_TIMEOUT_MS']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('defaults the audio cache to files with 512 MB and a 24 h idle limit for on-demand clips, and names each bad setting', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' }).audioCache).toEqual({ backend: 'file', maxBytes: 512 * 1024 * 1024, onDemandIdleMs: 24 * 3_600_000 });
    expect(validateEnvironment({ NODE_ENV: 'test', AUDIO_CACHE: 'postgres', AUDIO_CACHE_MAX_MB: '64', AUDIO_CACHE_ON_DEMAND_IDLE_HOURS: '2' }).audioCache).toEqual({
      backend: 'postgres',
      maxBytes: 64 * 1024 * 1024,
      onDemandIdleMs: 2 * 3_600_000,
    });
    const problems = problemsOf({ NODE_ENV: 'test', AUDIO_CACHE: 's3', AUDIO_CACHE_MAX_MB: '0', AUDIO_CACHE_ON_DEMAND_IDLE_HOURS: '1.5' });
    for (const name of ['AUDIO_CACHE', 'AUDIO_CACHE_MAX_MB', 'AUDIO_CACHE_ON_DEMAND_IDLE_HOURS']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('treats blank values as unset', () => {
    expect(validateEnvironment({ NODE_ENV: 'test', DATABASE_URL: '  ', REDIS_URL: '' }).database.kind).toBe('pglite');
  });

  it('bounds what sign-up may cost: provisioning budgets and the idle-number release, with defaults', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' }).provisioning).toEqual({ budgetPerHour: 20, budgetPerDay: 100, releaseAfterDays: 90 });
    expect(validateEnvironment({ NODE_ENV: 'test', PROVISIONING_BUDGET_PER_HOUR: '5', PROVISIONING_BUDGET_PER_DAY: '40', NUMBER_RELEASE_AFTER_DAYS: '0' }).provisioning).toEqual({
      budgetPerHour: 5,
      budgetPerDay: 40,
      releaseAfterDays: 0,
    });
    const problems = problemsOf({ NODE_ENV: 'test', PROVISIONING_BUDGET_PER_HOUR: '0', PROVISIONING_BUDGET_PER_DAY: 'lots', NUMBER_RELEASE_AFTER_DAYS: '-1' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['NUMBER_RELEASE_AFTER_DAYS', 'PROVISIONING_BUDGET_PER_DAY', 'PROVISIONING_BUDGET_PER_HOUR']);
  });
});
