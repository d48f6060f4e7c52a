import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreditAccount } from './entities/credit-account.entity';
import { UsageRecord } from './entities/usage-record.entity';

/** Billing: credit accounts, the usage ledger, rates and enforcement. */
@Module({
  imports: [TypeOrmModule.forFeature([CreditAccount, UsageRecord])],
  exports: [TypeOrmModule],
})
export class BillingModule {}
