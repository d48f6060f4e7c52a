import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, LOGGER, type Logger, UpstreamError } from '@ringlypro/core';
import { type RachelStatus, RachelStatusService, TenantClientStore } from '@ringlypro/tenancy';
import { TWILIO_GATEWAY, type TwilioGateway } from '../twilio/twilio-gateway';
import { WebhookUrls } from '../twilio/webhook-urls';

/**
 * Seed Task 3: the toggle routes the number at Twilio. ON points its VoiceUrl at Rachel, OFF at
 * forward-to-owner. Twilio first, then the database: if Twilio refuses, nothing of ours changes and
 * the caller hears why (502).
 */
@Injectable()
export class RachelToggleService {
  constructor(
    private readonly store: TenantClientStore,
    private readonly status: RachelStatusService,
    @Inject(TWILIO_GATEWAY) private readonly twilio: TwilioGateway,
    private readonly urls: WebhookUrls,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async set(enabled: boolean): Promise<RachelStatus> {
    const client = await this.store.get();
    if (!client.twilio_number_sid || !client.ringlypro_number) {
      throw new ConflictError(
        client.number_status === 'failed'
          ? `Your Rachel number could not be provisioned (${client.provisioning_error ?? 'unknown reason'}); POST /api/client/me/provision to try again`
          : client.number_status === 'released'
            ? 'Your Rachel number was released after a long time without a login; POST /api/client/me/provision to get a new one'
            : 'Your Rachel number is still being provisioned; try again in a minute',
      );
    }
    try {
      await this.twilio.updateVoiceUrl(client.twilio_number_sid, this.urls.voiceUrlFor(enabled, client.id));
    } catch (error) {
      this.logger.warn({ err: error, client_id: client.id }, 'twilio refused the rachel toggle');
      throw new UpstreamError(`Twilio could not update your number, so Rachel is still ${client.rachel_enabled ? 'on' : 'off'}. Please try again shortly.`);
    }
    return this.status.record(enabled);
  }
}
