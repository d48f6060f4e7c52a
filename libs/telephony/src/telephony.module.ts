import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Call } from './entities/call.entity';

/** Telephony: the Twilio port, number provisioning, the Rachel toggle, forward-to-owner and call logging. */
@Module({
  imports: [TypeOrmModule.forFeature([Call])],
  exports: [TypeOrmModule],
})
export class TelephonyModule {}
