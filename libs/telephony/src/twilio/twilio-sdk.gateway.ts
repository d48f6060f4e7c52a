import twilio from 'twilio';
import type { BuyNumber, NumberSearch, OwnedNumber, SendSms, SentSms, TwilioGateway } from './twilio-gateway';
import { RedirectingRequestClient } from './redirecting-request-client';
import { TelephonyError } from './telephony-error';

type IncomingNumber = { sid: string; phoneNumber: string; friendlyName: string; voiceUrl: string | null };

const owned = (n: IncomingNumber): OwnedNumber => ({ sid: n.sid, phoneNumber: n.phoneNumber, friendlyName: n.friendlyName, voiceUrl: n.voiceUrl ?? null });

/** Search results to consider per request: enough to skip a few taken numbers. */
const SEARCH_LIMIT = 5;

/** The production adapter: the official `twilio` SDK. */
export class TwilioSdkGateway implements TwilioGateway {
  readonly kind = 'twilio' as const;
  private readonly client: twilio.Twilio;

  constructor(accountSid: string, authToken: string, apiBaseUrl: string | null) {
    this.client = twilio(accountSid, authToken, apiBaseUrl ? { httpClient: new RedirectingRequestClient(apiBaseUrl) } : { autoRetry: false });
  }

  async searchLocalNumbers(search: NumberSearch): Promise<string[]> {
    return this.call(async () => {
      const found = await this.client.availablePhoneNumbers('US').local.list({
        ...(search.areaCode ? { areaCode: Number(search.areaCode) } : {}),
        ...(search.nearNumber ? { nearNumber: search.nearNumber, distance: 50 } : {}),
        voiceEnabled: true,
        smsEnabled: true,
        limit: SEARCH_LIMIT,
      });
      return found.map((n) => n.phoneNumber);
    });
  }

  async buyNumber(request: BuyNumber): Promise<OwnedNumber> {
    return this.call(async () =>
      owned(
        await this.client.incomingPhoneNumbers.create({
          phoneNumber: request.phoneNumber,
          friendlyName: request.friendlyName,
          voiceUrl: request.voiceUrl,
          voiceMethod: 'POST',
          smsUrl: request.smsUrl,
          smsMethod: 'POST',
          statusCallback: request.statusCallback,
          statusCallbackMethod: 'POST',
        }),
      ),
    );
  }

  async findNumbersByFriendlyName(friendlyName: string): Promise<OwnedNumber[]> {
    return this.call(async () => (await this.client.incomingPhoneNumbers.list({ friendlyName, limit: 20 })).map(owned));
  }

  async updateVoiceUrl(numberSid: string, voiceUrl: string): Promise<OwnedNumber> {
    return this.call(async () => owned(await this.client.incomingPhoneNumbers(numberSid).update({ voiceUrl, voiceMethod: 'POST' })));
  }

  async releaseNumber(numberSid: string): Promise<void> {
    await this.call(() => this.client.incomingPhoneNumbers(numberSid).remove());
  }

  async sendSms(request: SendSms): Promise<SentSms> {
    return this.call(async () => {
      const message = await this.client.messages.create({ from: request.from, to: request.to, body: request.body, statusCallback: request.statusCallback });
      return { sid: message.sid, status: message.status };
    });
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw TelephonyError.from(error);
    }
  }
}
