import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { BillingModule } from '@ringlypro/billing';
import { BookingModule, SlotHolds } from '@ringlypro/booking';
import { APP_CONFIG, type AppConfig, Clock } from '@ringlypro/core';
import { CallEndedHooks, TelephonyModule } from '@ringlypro/telephony';
import { TenancyModule } from '@ringlypro/tenancy';
import { TenantDeskFactory } from './desk/tenant-desk';
import { RachelCallController } from './gather/rachel-call.controller';
import { RachelCalls } from './gather/rachel-calls.service';
import { SaySpeaker } from './speech/say-speaker';
import { Speaker } from './speech/speaker';
import { ConversationStore } from './store/conversation-store';
import { MemoryConversationStore } from './store/memory-conversation-store';
import { RedisConversationStore } from './store/redis-conversation-store';
import { RuleUnderstanding } from './understanding/rule-understanding';
import { Understanding } from './understanding/understanding';

/** Voice: Rachel's conversation — understanding, dialogue, speech, conversation state and the Gather transport. */
@Module({
  imports: [TelephonyModule, BookingModule, BillingModule, TenancyModule],
  controllers: [RachelCallController],
  providers: [
    { provide: Understanding, useClass: RuleUnderstanding },
    {
      provide: Speaker,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SaySpeaker(config.voice.sayVoice, config.voice.language),
    },
    {
      provide: ConversationStore,
      inject: [APP_CONFIG, Clock],
      // Redis when configured (state shared by every replica), process memory on the embedded default.
      useFactory: (config: AppConfig, clock: Clock) => (config.redisUrl ? new RedisConversationStore(config.redisUrl, config.queuePrefix) : new MemoryConversationStore(clock)),
    },
    TenantDeskFactory,
    RachelCalls,
  ],
  exports: [ConversationStore],
})
export class VoiceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly callEnded: CallEndedHooks,
    private readonly holds: SlotHolds,
    @Inject(ConversationStore) private readonly store: ConversationStore,
  ) {}

  onModuleInit(): void {
    // At hang-up the slot the caller was offered is free again at once, not only when its hold expires.
    this.callEnded.register((callSid) => this.holds.release(callSid));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
