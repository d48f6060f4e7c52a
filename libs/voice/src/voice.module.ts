import { Module } from '@nestjs/common';
import { TelephonyModule } from '@ringlypro/telephony';
import { RachelAnswerController } from './answer/rachel-answer.controller';

/** Voice: Rachel answering a business's calls. */
@Module({
  imports: [TelephonyModule],
  controllers: [RachelAnswerController],
})
export class VoiceModule {}
