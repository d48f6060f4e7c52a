import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@ringlypro/tenancy';
import { CallAdmission } from './admission/call-admission';
import { CallReservations } from './admission/call-reservations';
import { MeteredCallAdmission } from './admission/metered-call-admission';
import { BillingSettings } from './billing-settings';
import { CallAdmissionRecord } from './entities/call-admission.entity';
import { CreditAccount } from './entities/credit-account.entity';
import { UsageRecord } from './entities/usage-record.entity';
import { CreditLedger } from './ledger/credit-ledger.service';
import { UsageMeter } from './metering/usage-meter';
import { BillingNotices } from './notices/billing-notices';
import { ResetFreeMinutesJob } from './reset/reset-free-minutes.job';

/**
 * Billing: credit accounts, the one idempotent usage ledger, admission and reservation of Rachel's
 * calls, the monthly reset, credit reloads. Telephony, voice and messaging ask it (CallAdmission,
 * UsageMeter); it imports none of them, and texts owners through the queue.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CreditAccount, UsageRecord, CallAdmissionRecord]), TenancyModule],
  providers: [
    BillingSettings,
    BillingNotices,
    CreditLedger,
    CallReservations,
    UsageMeter,
    { provide: CallAdmission, useClass: MeteredCallAdmission },
    ResetFreeMinutesJob,
  ],
  exports: [TypeOrmModule, CallAdmission, UsageMeter],
})
export class BillingModule {}
