import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import { AppointmentsService } from '@ringlypro/booking';
import { TenantClientStore } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { helpText, localWhen } from '../outbound/message-templates';
import { OptOutsService } from '../opt-outs/opt-outs.service';
import { keywordOf } from './inbound-keyword';

const TERMINAL = new Set(['delivered', 'undelivered', 'failed', 'read', 'canceled']);
const RANK: Record<string, number> = { accepted: 0, scheduled: 0, queued: 0, sending: 1, sent: 2 };
const rankOf = (status: string) => (TERMINAL.has(status) ? 3 : (RANK[status] ?? 0));
const UNSUBSCRIBED = 21610;

/** A customer's text to a business: stored, then acted on when it is a keyword. Runs in the tenant's scope. */
@Injectable()
export class InboundSmsService {
  private readonly messages = new TenantRepository(Message);

  constructor(
    private readonly store: TenantClientStore,
    private readonly optOuts: OptOutsService,
    private readonly appointments: AppointmentsService,
  ) {}

  /** Returns the reply to send, if any. A redelivered webhook (same MessageSid) is acted on once. */
  async receive(sms: { sid: string; from: string; to: string; body: string }): Promise<string | null> {
    const fresh = await this.messages.insertOrIgnore({
      twilio_sid: sms.sid,
      direction: 'inbound',
      from_number: sms.from.slice(0, 255),
      to_number: sms.to.slice(0, 255),
      body: sms.body.slice(0, 5000),
      status: 'received',
      purpose: 'inbound',
    });
    if (!fresh) return null;
    const keyword = keywordOf(sms.body);
    // Carriers and Twilio answer STOP and START themselves; a second reply would be noise (or refused).
    if (keyword === 'opt-out') {
      await this.optOuts.optOut(sms.from, 'keyword');
      return null;
    }
    if (keyword === 'opt-in') {
      await this.optOuts.optIn(sms.from);
      return null;
    }
    if (keyword === null || (await this.optOuts.isOptedOut(sms.from))) return null;
    const client = await this.store.get();
    const reply = await this.replyTo(keyword, sms.from, client);
    await this.messages.insert({ direction: 'outbound', from_number: sms.to, to_number: sms.from, body: reply, status: 'sent', purpose: 'reply' });
    return reply;
  }

  private async replyTo(
    keyword: 'help' | 'confirm' | 'cancel-appointment',
    phone: string,
    client: { business_name: string; business_phone: string; timezone: string },
  ): Promise<string> {
    if (keyword === 'help') return helpText(client.business_name, client.business_phone);
    const next = await this.appointments.nextFor(phone);
    if (!next) return `${client.business_name}: we couldn't find an upcoming appointment for this number. Call ${client.business_phone} for help.`;
    const when = localWhen(next.starts_at, client.timezone);
    if (keyword === 'confirm') {
      await this.appointments.markConfirmed(next.id);
      return `${client.business_name}: thanks! Your appointment on ${when} is confirmed.`;
    }
    await this.appointments.cancel(next.id);
    return `${client.business_name}: your appointment on ${when} is cancelled. Call ${client.business_phone} to book another time.`;
  }

  /** queued → sending → sent → delivered / undelivered / failed; never backwards, repeats change nothing. */
  async applyStatus(sid: string, status: string, errorCode: number | null, recipient: string | null): Promise<void> {
    const message = await this.messages.findOne({ twilio_sid: sid });
    if (message && rankOf(status) > rankOf(message.status)) {
      await this.messages.update({ id: message.id }, { status: status.slice(0, 20), ...(errorCode !== null ? { error_code: errorCode } : {}) });
    }
    if (errorCode === UNSUBSCRIBED && (recipient ?? message?.to_number)) await this.optOuts.optOut((recipient ?? message!.to_number).slice(0, 20), 'carrier');
  }
}
