import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import type { WebhookClient } from '@ringlypro/telephony';
import type { TurnResult } from '../dialogue/conversation';
import { speechHints } from '../gather/gather-twiml';
import { relayConnectTwiml } from './relay-twiml';
import { RelayUrls } from './relay-urls';

/**
 * The greeting webhook's answer for a business carried over ConversationRelay. The call was already
 * logged, admitted by billing and greeted by the dialogue engine (RachelCalls.answer); only the TwiML
 * differs: Twilio speaks the opening and opens the WebSocket, which continues from the stored state.
 */
@Injectable()
export class RelayGreeting {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly urls: RelayUrls,
  ) {}

  /** The business's own choice, or the platform default when it has none. */
  chooses(client: WebhookClient): boolean {
    return (client.voice_transport ?? this.config.voice.transport) === 'relay';
  }

  twiml(opening: TurnResult, client: WebhookClient): string {
    const business = opening.state.business;
    return relayConnectTwiml({
      socketUrl: this.urls.socket(opening.state.callSid),
      actionUrl: this.urls.ended(),
      welcomeGreeting: opening.lines.join(' '),
      voice: business.voiceId ?? this.config.elevenLabs.voiceId,
      language: this.config.voice.language,
      hints: speechHints(business),
      clientId: client.id,
    });
  }
}
