import { Inject, Injectable } from '@nestjs/common';
import { areaCodeOf, Clock, LOGGER, type Logger, TenantDatabase } from '@ringlypro/core';
import { TenantClientStore } from '@ringlypro/tenancy';
import { TelephonyError } from '../twilio/telephony-error';
import { type NumberSearch, type OwnedNumber, TWILIO_GATEWAY, type TwilioGateway } from '../twilio/twilio-gateway';
import { WebhookUrls } from '../twilio/webhook-urls';
import { ProvisioningBudget } from './provisioning-budget';

/** The tag on each number we buy; a retry finds a number it already bought by it. */
export function friendlyNameFor(clientId: number): string {
  return `RinglyPro client ${clientId}`;
}

export type ProvisionOutcome = { status: 'already-provisioned' | 'recovered' | 'bought'; phone_number: string; sid: string };

/**
 * Gets a client its Rachel number: search → buy → record, idempotently. The number is searched in
 * the preferred (or the business phone's) area code, then near the business phone, then anywhere in
 * the US. If a previous run bought a number but could not record it, this run finds it by its
 * FriendlyName and records it instead of buying another.
 */
@Injectable()
export class NumberProvisioner {
  constructor(
    private readonly db: TenantDatabase,
    private readonly store: TenantClientStore,
    @Inject(TWILIO_GATEWAY) private readonly twilio: TwilioGateway,
    private readonly urls: WebhookUrls,
    private readonly budget: ProvisioningBudget,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async provision(clientId: number): Promise<ProvisionOutcome> {
    const client = await this.db.run(clientId, () => this.store.get());
    if (client.ringlypro_number && client.twilio_number_sid) {
      // A retry that raced the first run may have marked the client pending after the number was
      // stored: converge on the truth (a number is held, so it is active).
      if (client.number_status !== 'active') await this.db.run(clientId, () => this.store.update({ number_status: 'active', provisioning_error: null }));
      return { status: 'already-provisioned', phone_number: client.ringlypro_number, sid: client.twilio_number_sid };
    }
    const voiceUrl = this.urls.voiceUrlFor(client.rachel_enabled, clientId);
    const friendlyName = friendlyNameFor(clientId);
    let number: OwnedNumber;
    let status: ProvisionOutcome['status'];
    const [already] = await this.twilio.findNumbersByFriendlyName(friendlyName);
    if (already) {
      number = already.voiceUrl === voiceUrl ? already : await this.twilio.updateVoiceUrl(already.sid, voiceUrl);
      status = 'recovered';
    } else {
      // Only a purchase costs money: the budget is checked here, after a recovery had its chance.
      await this.budget.assertAvailable();
      number = await this.buy(client.preferred_area_code ?? areaCodeOf(client.business_phone), client.business_phone, friendlyName, voiceUrl);
      status = 'bought';
    }
    // One update: the number, its SID and the status arrive together or not at all.
    await this.db.run(clientId, () =>
      this.store.update({
        ringlypro_number: number.phoneNumber,
        twilio_number_sid: number.sid,
        number_status: 'active',
        provisioning_error: null,
        number_released_at: null,
        number_release_reason: null,
        number_provisioned_at: this.clock.now(),
      }),
    );
    this.logger.info({ client_id: clientId, number: number.phoneNumber, sid: number.sid, status }, 'rachel number provisioned');
    return { status, phone_number: number.phoneNumber, sid: number.sid };
  }

  /** After the last attempt (or a failure retrying cannot fix): visible to the owner, with the reason. */
  async markFailed(clientId: number, reason: string): Promise<void> {
    // Conditional on holding no number: a run that succeeded meanwhile is never marked failed.
    await this.db.run(clientId, () => this.store.updateWhileNumberless({ number_status: 'failed', provisioning_error: reason.slice(0, 1000) }));
  }

  private async buy(areaCode: string | null, businessPhone: string, friendlyName: string, voiceUrl: string): Promise<OwnedNumber> {
    const tiers: NumberSearch[] = [...(areaCode ? [{ areaCode }] : []), { nearNumber: businessPhone }, {}];
    for (const search of tiers) {
      let candidates: string[];
      try {
        candidates = await this.twilio.searchLocalNumbers(search);
      } catch (error) {
        if (error instanceof TelephonyError && error.failure === 'no-numbers-in-area') continue;
        throw error;
      }
      for (const phoneNumber of candidates) {
        try {
          return await this.twilio.buyNumber({ phoneNumber, friendlyName, voiceUrl, smsUrl: this.urls.inboundSms(), statusCallback: this.urls.callStatus() });
        } catch (error) {
          // Taken between search and buy: the next candidate will do.
          if (error instanceof TelephonyError && (error.failure === 'number-unavailable' || error.failure === 'no-numbers-in-area')) continue;
          throw error;
        }
      }
    }
    // Inventory comes back; a later attempt may find one.
    throw new TelephonyError('unavailable', 'No US local numbers are available to buy right now');
  }
}
