import { Module } from '@nestjs/common';

/** Voice: Rachel's conversation — the webhook controller, its state machine, intents and speech. */
@Module({})
export class VoiceModule {}
