import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import { BillingModule } from '@ringlypro/billing';
import { TenancyModule } from '@ringlypro/tenancy';
import { CallsController } from './calls-api/calls.controller';
import { CallsQueryService } from './calls-api/calls-query.service';
import { CallEndedHooks } from './calls/call-ended-hooks';
import { CallLogService } from './calls/call-log.service';
import { CallLogWriter } from './calls/call-log-writer';
import { ClientNumberDirectory } from './calls/client-number-directory';
import { OwnerConnector } from './calls/owner-connector.service';
import { CallTurn } from './entities/call-turn.entity';
import { Call } from './entities/call.entity';
import { CallForwardingController } from './forwarding/call-forwarding.controller';
import { IdleNumberReleaseJob } from './provisioning/idle-number-release.job';
import { NumberProvisioner } from './provisioning/number-provisioner.service';
import { ProvisioningBudget } from './provisioning/provisioning-budget';
import { ProvisionNumberJob } from './provisioning/provision-number.job';
import { ProvisioningController } from './provisioning/provisioning.controller';
import { RachelToggleController } from './rachel/rachel-toggle.controller';
import { RachelToggleService } from './rachel/rachel-toggle.service';
import { TWILIO_GATEWAY } from './twilio/twilio-gateway';
import { TwilioSdkGateway } from './twilio/twilio-sdk.gateway';
import { TwilioSimulatorGateway } from './twilio/twilio-simulator.gateway';
import { WebhookUrls } from './twilio/webhook-urls';
import { TwilioRequestCheck } from './webhooks/twilio-request-check';
import { TwilioSignatureGuard } from './webhooks/twilio-signature.guard';
import { TwilioWebhookLane } from './webhooks/twilio-webhook-lane';
import { VoiceWebhooksController } from './webhooks/voice-webhooks.controller';

/** Telephony: the Twilio port, number provisioning, the Rachel toggle, forward-to-owner and call logging. */
@Module({
  imports: [TypeOrmModule.forFeature([Call, CallTurn]), TenancyModule, BillingModule, DiscoveryModule],
  controllers: [RachelToggleController, ProvisioningController, CallForwardingController, VoiceWebhooksController, CallsController],
  providers: [
    {
      provide: TWILIO_GATEWAY,
      inject: [APP_CONFIG],
      // A Twilio account when configured; otherwise the offline simulator.
      useFactory: (config: AppConfig) =>
        config.twilio ? new TwilioSdkGateway(config.twilio.accountSid, config.twilio.authToken, config.twilio.apiBaseUrl) : new TwilioSimulatorGateway(),
    },
    WebhookUrls,
    TwilioRequestCheck,
    TwilioSignatureGuard,
    TwilioWebhookLane,
    ClientNumberDirectory,
    CallLogService,
    CallLogWriter,
    CallEndedHooks,
    CallsQueryService,
    OwnerConnector,
    NumberProvisioner,
    ProvisioningBudget,
    ProvisionNumberJob,
    IdleNumberReleaseJob,
    RachelToggleService,
  ],
  exports: [TypeOrmModule, TWILIO_GATEWAY, WebhookUrls, TwilioRequestCheck, TwilioSignatureGuard, TwilioWebhookLane, ClientNumberDirectory, CallLogService, CallLogWriter, CallEndedHooks, OwnerConnector],
})
export class TelephonyModule {}
