/** A phone number on the Twilio account (an IncomingPhoneNumber). */
export interface OwnedNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
}

export interface NumberSearch {
  /** Local numbers in this area code. */
  areaCode?: string;
  /** Local numbers geographically near this E.164 number. */
  nearNumber?: string;
}

export interface BuyNumber {
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  smsUrl: string;
  statusCallback: string;
}

export interface SendSms {
  from: string;
  to: string;
  body: string;
  statusCallback: string;
}

export interface SentSms {
  sid: string;
  status: string;
}

/**
 * Everything RinglyPro asks of Twilio. Two adapters: the official SDK (optionally pointed at another
 * base URL) and an offline simulator. Failures are TelephonyErrors that say whether to retry.
 */
export interface TwilioGateway {
  readonly kind: 'twilio' | 'simulator';
  /** US local numbers available to buy; empty when none match. */
  searchLocalNumbers(search: NumberSearch): Promise<string[]>;
  buyNumber(request: BuyNumber): Promise<OwnedNumber>;
  /** Our numbers tagged with this FriendlyName (how a retry finds a number it already bought). */
  findNumbersByFriendlyName(friendlyName: string): Promise<OwnedNumber[]>;
  updateVoiceUrl(numberSid: string, voiceUrl: string): Promise<OwnedNumber>;
  releaseNumber(numberSid: string): Promise<void>;
  sendSms(request: SendSms): Promise<SentSms>;
}

export const TWILIO_GATEWAY = Symbol('TWILIO_GATEWAY');
