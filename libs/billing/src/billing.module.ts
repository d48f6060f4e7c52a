import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '@ringlypro/tenancy';
import { CallAdmission } from './admission/call-admission';
import { CallReservations } from './admission/call-reservations';
import { CreditAdjustmentsController } from './api/credit-adjustments.controller';
import { CreditReports } from './api/credit-reports.service';
import { CreditsController } from './api/credits.controller';
import { InternalOrAdminGuard } from './api/internal-or-admin.guard';
import { TrackUsageController } from './api/track-usage.controller';
import { MeteredCallAdmission } from './admission/metered-call-admission';
import { BillingSettings } from './billing-settings';
import { CallAdmissionRecord } from './entities/call-admission.entity';
import { CreditAccount } from './entities/credit-account.entity';
import { UsageRecord } from './entities/usage-record.entity';
import { CreditLedger } from './ledger/credit-ledger.service';
import { UsageMeter } from './metering/usage-meter';
import { BillingNotices } from './notices/billing-notices';
import { ReloadLinks } from './reload/reload-links';
import { ReloadPageController } from './reload/reload-page.controller';
import { ResetFreeMinutesJob } from './reset/reset-free-minutes.job';
import { CreditCheckout } from './stripe/credit-checkout.service';
import { createStripeClient, STRIPE_CLIENT } from './stripe/stripe-client';
import { StripeWebhookController } from './stripe/stripe-webhook.controller';

/**
 * Billing: credit accounts, the one idempotent usage ledger, admission and reservation of Rachel's
 * calls, the monthly reset, credit reloads. Telephony, voice and messaging ask it (CallAdmission,
 * UsageMeter); it imports none of them, and texts owners through the queue.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CreditAccount, UsageRecord, CallAdmissionRecord]), TenancyModule],
  controllers: [CreditsController, TrackUsageController, CreditAdjustmentsController, StripeWebhookController, ReloadPageController],
  providers: [
    { provide: STRIPE_CLIENT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createStripeClient(config) },
    BillingSettings,
    BillingNotices,
    CreditLedger,
    CallReservations,
    UsageMeter,
    { provide: CallAdmission, useClass: MeteredCallAdmission },
    ResetFreeMinutesJob,
    CreditReports,
    CreditCheckout,
    InternalOrAdminGuard,
    ReloadLinks,
  ],
  exports: [TypeOrmModule, CallAdmission, UsageMeter, ReloadLinks],
})
export class BillingModule {}
