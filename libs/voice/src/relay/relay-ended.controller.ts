import { Body, Controller } from '@nestjs/common';
import { type InboundCallParams, TwilioWebhook, VOICE_CALL_FIELDS } from '@ringlypro/telephony';
import { RelayEndings } from './relay-endings';

/** The <Connect> action of a ConversationRelay call: what happens once the WebSocket session is over. */
@Controller('voice')
export class RelayEndedController {
  constructor(private readonly endings: RelayEndings) {}

  @TwilioWebhook('relay/ended', "TwiML after a ConversationRelay session: Rachel's goodbye, the owner's phone when she hands over, or the owner's phone when the session failed", {
    fields: {
      ...VOICE_CALL_FIELDS,
      SessionId: 'The ConversationRelay session (VX…)',
      SessionStatus: 'How the session ended: completed, ended or failed',
      SessionDuration: 'Seconds the session lasted',
      HandoffData: "The end message's handoffData (JSON: why Rachel ended the session)",
    },
  })
  ended(@Body() params: InboundCallParams): Promise<string> {
    return this.endings.ended(params);
  }
}
