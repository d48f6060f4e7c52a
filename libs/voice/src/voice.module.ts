import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BillingModule } from '@ringlypro/billing';
import { BookingModule, SlotHolds } from '@ringlypro/booking';
import { APP_CONFIG, type AppConfig, Clock, TenantDatabase } from '@ringlypro/core';
import { CallEndedHooks, TelephonyModule } from '@ringlypro/telephony';
import { TenancyModule } from '@ringlypro/tenancy';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { TenantDeskFactory } from './desk/tenant-desk';
import { RachelCallController } from './gather/rachel-call.controller';
import { RachelCalls } from './gather/rachel-calls.service';
import { RelayEndedController } from './relay/relay-ended.controller';
import { RelayEndings } from './relay/relay-endings';
import { RelayGreeting } from './relay/relay-greeting';
import { RelayServer } from './relay/relay-server';
import { RelayTranscript } from './relay/relay-transcript';
import { RelayUrls } from './relay/relay-urls';
import { AudioCache } from './speech/elevenlabs/audio-cache';
import { AudioCacheSweeper } from './speech/elevenlabs/audio-cache-sweeper';
import { CircuitBreaker, ElevenLabsBreaker } from './speech/elevenlabs/circuit-breaker';
import { ElevenLabsClient } from './speech/elevenlabs/elevenlabs-client';
import { ElevenLabsSpeaker } from './speech/elevenlabs/elevenlabs-speaker';
import { FileAudioCache } from './speech/elevenlabs/file-audio-cache';
import { PostgresAudioCache } from './speech/elevenlabs/postgres-audio-cache';
import { PrerenderVoiceLinesJob } from './speech/elevenlabs/prerender-voice-lines.job';
import { VoiceAudio } from './speech/elevenlabs/voice-audio';
import { VoiceAudioController } from './speech/elevenlabs/voice-audio.controller';
import { SaySpeaker } from './speech/say-speaker';
import { Speaker } from './speech/speaker';
import { ConversationStore } from './store/conversation-store';
import { MemoryConversationStore } from './store/memory-conversation-store';
import { RedisConversationStore } from './store/redis-conversation-store';
import { RachelTurnRunner } from './turns/rachel-turn-runner';
import { RuleUnderstanding } from './understanding/rule-understanding';
import { Understanding } from './understanding/understanding';

/** Voice: Rachel's conversation — understanding, dialogue, speech, conversation state, and its two transports (Gather, ConversationRelay). */
@Module({
  imports: [TelephonyModule, BookingModule, BillingModule, TenancyModule],
  controllers: [RachelCallController, VoiceAudioController, RelayEndedController],
  providers: [
    { provide: Understanding, useClass: RuleUnderstanding },
    {
      provide: ElevenLabsBreaker,
      // Three failures in a row: stop asking for 30 s, then let one trial through.
      useFactory: () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000 }),
    },
    {
      provide: AudioCache,
      inject: [APP_CONFIG, TenantDatabase, Clock],
      // Files on the embedded default (one replica); Postgres when clips must be shared by replicas.
      useFactory: (config: AppConfig, db: TenantDatabase, clock: Clock) =>
        config.audioCache.backend === 'postgres'
          ? new PostgresAudioCache(db, config.audioCache, clock)
          : new FileAudioCache(join(config.dataDir, 'voice-audio'), config.audioCache, clock),
    },
    {
      provide: AudioCacheSweeper,
      inject: [APP_CONFIG, AudioCache],
      // Hourly, or four times per idle limit if that is shorter: idle clips outlive it by a quarter at most.
      useFactory: (config: AppConfig, cache: AudioCache) => new AudioCacheSweeper(cache, Math.min(3_600_000, config.audioCache.onDemandIdleMs / 4)),
    },
    {
      provide: VoiceAudio,
      inject: [APP_CONFIG, AudioCache, ElevenLabsBreaker],
      useFactory: (config: AppConfig, cache: AudioCache, breaker: CircuitBreaker) =>
        new VoiceAudio(
          {
            voiceId: config.elevenLabs.voiceId ?? '',
            modelId: config.elevenLabs.modelId,
            outputFormat: config.elevenLabs.outputFormat,
            timeoutMs: config.elevenLabs.timeoutMs,
            keySecret: createHmac('sha256', config.jwt.secret).update('rachel-voice-audio-keys').digest('hex'),
            publicBaseUrl: config.webhookBaseUrl,
          },
          new ElevenLabsClient(config.elevenLabs.apiKey ?? '', config.elevenLabs.apiBaseUrl),
          cache,
          breaker,
        ),
    },
    {
      provide: Speaker,
      inject: [APP_CONFIG, VoiceAudio],
      useFactory: (config: AppConfig, audio: VoiceAudio) => {
        const say = new SaySpeaker(config.voice.sayVoice, config.voice.language);
        // Without a key there is nothing to render with: Rachel speaks with <Say> (and, with a key, for
        // a business with no voice of its own while ELEVENLABS_VOICE_ID is unset).
        return config.elevenLabs.apiKey ? new ElevenLabsSpeaker(audio, say) : say;
      },
    },
    {
      provide: ConversationStore,
      inject: [APP_CONFIG, Clock],
      // Redis when configured (state shared by every replica), process memory on the embedded default.
      useFactory: (config: AppConfig, clock: Clock) => (config.redisUrl ? new RedisConversationStore(config.redisUrl, config.queuePrefix) : new MemoryConversationStore(clock)),
    },
    TenantDeskFactory,
    RachelTurnRunner,
    RachelCalls,
    RelayUrls,
    RelayGreeting,
    RelayEndings,
    RelayTranscript,
    RelayServer,
    PrerenderVoiceLinesJob,
  ],
  exports: [ConversationStore, RelayServer],
})
export class VoiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly callEnded: CallEndedHooks,
    private readonly holds: SlotHolds,
    @Inject(ConversationStore) private readonly store: ConversationStore,
    private readonly sweeper: AudioCacheSweeper,
  ) {}

  onModuleInit(): void {
    // At hang-up the slot the caller was offered is free again at once, not only when its hold expires.
    this.callEnded.register((callSid) => this.holds.release(callSid));
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.sweeper.stop();
    await this.store.close();
  }
}
