import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallAdmission } from './admission/call-admission';
import { UnmeteredCallAdmission } from './admission/unmetered-call-admission';
import { CreditAccount } from './entities/credit-account.entity';
import { UsageRecord } from './entities/usage-record.entity';

/** Billing: credit accounts, the usage ledger, rates and enforcement. */
@Module({
  imports: [TypeOrmModule.forFeature([CreditAccount, UsageRecord])],
  providers: [{ provide: CallAdmission, useClass: UnmeteredCallAdmission }],
  exports: [TypeOrmModule, CallAdmission],
})
export class BillingModule {}
