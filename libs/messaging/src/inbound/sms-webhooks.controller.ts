import { Body, Controller } from '@nestjs/common';
import { ErrorLogService, TenantDatabase } from '@ringlypro/core';
import { ClientNumberDirectory, element, EMPTY_TWIML, TwilioWebhook, TwimlDocument } from '@ringlypro/telephony';
import { keywordOf } from './inbound-keyword';
import { InboundSmsService } from './inbound-sms.service';
import { InboundTextLog } from './inbound-text-log';

type SmsParams = Partial<Record<'MessageSid' | 'SmsSid' | 'From' | 'To' | 'Body' | 'MessageStatus' | 'SmsStatus' | 'ErrorCode', string>>;

const SMS_FIELDS = {
  MessageSid: 'Unique id of the text (SM…); SmsSid carries the same',
  AccountSid: 'The Twilio account (AC…)',
  From: "The customer's number, E.164",
  To: 'The Rachel number, which names the business',
  Body: 'The text; STOP/START/HELP and C (confirm) / X (cancel) are keywords',
  NumMedia: 'Number of media attachments',
};
const STATUS_FIELDS = {
  MessageSid: 'The outbound text (SM…)',
  MessageStatus: 'queued, sending, sent, delivered, undelivered or failed',
  From: 'The Rachel number it was sent from',
  To: "The customer's number",
  ErrorCode: "Twilio's error code when it failed (21211, 21610, …)",
};

// Escaped templates rather than the SDK's MessagingResponse: every inbound text is answered with one.
const emptyReply = () => EMPTY_TWIML;
const messageReply = (text: string) => new TwimlDocument().add(element('Message', {}, text)).toString();

/** Twilio's SMS callbacks: inbound texts to a Rachel number, and delivery status of ours. */
@Controller('sms')
export class SmsWebhooksController {
  constructor(
    private readonly directory: ClientNumberDirectory,
    private readonly db: TenantDatabase,
    private readonly inbound: InboundSmsService,
    private readonly texts: InboundTextLog,
    private readonly errors: ErrorLogService,
  ) {}

  @TwilioWebhook('webhook', 'TwiML <Message> reply to HELP, C and X; nothing for other texts', {
    fields: SMS_FIELDS,
    example: '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acme Plumbing: thanks! Your appointment on Tue, Dec 1 at 10:00 AM is confirmed.</Message></Response>',
  })
  async receive(@Body() params: SmsParams): Promise<string> {
    try {
      const sid = params.MessageSid ?? params.SmsSid;
      const client = params.To ? await this.directory.byNumber(params.To) : null;
      if (!client || !sid || !params.From) return emptyReply();
      const sms = { sid, from: params.From, to: params.To!, body: params.Body ?? '' };
      // Most texts are no keyword: they are only kept, group-committed with other webhooks' rows.
      if (keywordOf(sms.body) === null) {
        await this.texts.keep(client.id, sms);
        return emptyReply();
      }
      const reply = await this.db.run(client.id, () => this.inbound.receive(sms));
      return reply ? messageReply(reply) : emptyReply();
    } catch (error) {
      await this.errors.record({ error, source: 'webhook', path: '/sms/webhook' });
      return emptyReply();
    }
  }

  @TwilioWebhook('status', 'Delivery status of an outbound text: never moves backwards; answers an empty TwiML <Response/>', { fields: STATUS_FIELDS })
  async status(@Body() params: SmsParams): Promise<string> {
    try {
      const sid = params.MessageSid ?? params.SmsSid;
      const status = params.MessageStatus ?? params.SmsStatus;
      const client = params.From ? await this.directory.byNumber(params.From) : null;
      if (client && sid && status) {
        const errorCode = params.ErrorCode && /^\d{1,6}$/.test(params.ErrorCode) ? Number(params.ErrorCode) : null;
        await this.db.run(client.id, () => this.inbound.applyStatus(sid, status, errorCode, params.To ?? null));
      }
    } catch (error) {
      await this.errors.record({ error, source: 'webhook', path: '/sms/status' });
    }
    return emptyReply();
  }
}
