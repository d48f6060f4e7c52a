import { randomBytes } from 'node:crypto';
import { areaCodeOf } from '@ringlypro/core';
import type { BuyNumber, NumberSearch, OwnedNumber, SendSms, SentSms, TwilioGateway } from './twilio-gateway';
import { TelephonyError } from './telephony-error';

/** 555-0100…555-0199 is reserved for fiction in every NANP area code: these numbers ring nowhere. */
const FICTIONAL_LINES = Array.from({ length: 100 }, (_, i) => `5550${100 + i}`);
const FALLBACK_AREA_CODE = '888';

export interface SimulatedSms extends SendSms {
  sid: string;
  status: 'sent';
  at: Date;
}

/**
 * Twilio without an account, for running the product offline: numbers come from the fictional
 * 555-01XX range of the requested area code, keep their webhook configuration in memory, and SMS
 * are recorded (status 'sent') instead of delivered. Webhooks it would cause are signed with the
 * simulator's own token, so the signature check runs exactly as in production.
 */
export class TwilioSimulatorGateway implements TwilioGateway {
  readonly kind = 'simulator' as const;
  private readonly numbers = new Map<string, OwnedNumber>();
  private readonly messages: SimulatedSms[] = [];

  async searchLocalNumbers(search: NumberSearch): Promise<string[]> {
    const areaCode = search.areaCode ?? (search.nearNumber ? areaCodeOf(search.nearNumber) : null) ?? FALLBACK_AREA_CODE;
    const taken = new Set([...this.numbers.values()].map((n) => n.phoneNumber));
    return FICTIONAL_LINES.map((line) => `+1${areaCode}${line}`)
      .filter((n) => !taken.has(n))
      .slice(0, 5);
  }

  async buyNumber(request: BuyNumber): Promise<OwnedNumber> {
    if ([...this.numbers.values()].some((n) => n.phoneNumber === request.phoneNumber)) {
      throw new TelephonyError('number-unavailable', `${request.phoneNumber} is no longer available`, 21422);
    }
    const number: OwnedNumber = { sid: `PN${randomBytes(16).toString('hex')}`, phoneNumber: request.phoneNumber, friendlyName: request.friendlyName, voiceUrl: request.voiceUrl };
    this.numbers.set(number.sid, number);
    return { ...number };
  }

  async findNumbersByFriendlyName(friendlyName: string): Promise<OwnedNumber[]> {
    return [...this.numbers.values()].filter((n) => n.friendlyName === friendlyName).map((n) => ({ ...n }));
  }

  async updateVoiceUrl(numberSid: string, voiceUrl: string): Promise<OwnedNumber> {
    // Numbers bought before a restart (or loaded as demo data) are adopted: the simulator keeps no disk state.
    const number = this.numbers.get(numberSid) ?? { sid: numberSid, phoneNumber: '', friendlyName: '', voiceUrl: null };
    number.voiceUrl = voiceUrl;
    this.numbers.set(numberSid, number);
    return { ...number };
  }

  async releaseNumber(numberSid: string): Promise<void> {
    this.numbers.delete(numberSid);
  }

  async sendSms(request: SendSms): Promise<SentSms> {
    if (!/^\+[1-9]\d{7,14}$/.test(request.to)) throw new TelephonyError('invalid-recipient', `The 'To' number ${request.to} is not a valid phone number`, 21211);
    const sms: SimulatedSms = { ...request, sid: `SM${randomBytes(16).toString('hex')}`, status: 'sent', at: new Date() };
    this.messages.push(sms);
    return { sid: sms.sid, status: sms.status };
  }

  /** What the simulator has "sent", newest last (for the demo and tests). */
  sentMessages(): readonly SimulatedSms[] {
    return this.messages;
  }

}
