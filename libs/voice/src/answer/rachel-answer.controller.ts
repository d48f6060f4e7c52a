import { Body, Controller } from '@nestjs/common';
import { ErrorLogService } from '@ringlypro/core';
import { apologyTwiml, ClientNumberDirectory, type InboundCallParams, OwnerConnector, TwilioWebhook } from '@ringlypro/telephony';
const DEFAULT_GREETING = "Thank you for calling. I'm Rachel, your virtual assistant.";

/**
 * Where a Rachel number's calls arrive while Rachel is on. The dialed number (To) names the business.
 * Rachel greets the caller with the business's own greeting and connects them to the owner, leaving
 * the forwarding flow's "nobody could answer" message if they don't pick up. This is also what she
 * falls back to whenever anything goes wrong in a conversation: the caller always reaches someone.
 * Booking by voice (speech, intents, slots) builds on this endpoint in the Voice module.
 */
@Controller('voice')
export class RachelAnswerController {
  constructor(
    private readonly directory: ClientNumberDirectory,
    private readonly owner: OwnerConnector,
    private readonly errors: ErrorLogService,
  ) {}

  @TwilioWebhook('webhook/voice', "TwiML: Rachel greets the caller with the business's greeting and connects them to the owner")
  async answer(@Body() params: InboundCallParams): Promise<string> {
    try {
      const client = params.To ? await this.directory.byNumber(params.To) : null;
      if (!client || !client.active) return apologyTwiml(client?.business_name);
      return this.owner.connect(client, params, `${client.custom_greeting?.trim() || DEFAULT_GREETING} Please hold while I connect you to ${client.business_name}.`);
    } catch (error) {
      await this.errors.record({ error, source: 'webhook', path: '/voice/webhook/voice' });
      return apologyTwiml();
    }
  }
}
