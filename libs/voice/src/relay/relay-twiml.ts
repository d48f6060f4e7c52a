import twilio from 'twilio';

const { VoiceResponse } = twilio.twiml;

export interface RelayConnect {
  /** wss:// address of our WebSocket endpoint, as Twilio will call (and sign) it. */
  socketUrl: string;
  /** Where Twilio goes when the session ends (handoff, hang-up, or a failed socket). */
  actionUrl: string;
  /** Rachel's opening lines, spoken by Twilio as soon as the session connects. */
  welcomeGreeting: string;
  /** ElevenLabs voice id; absent: Twilio's default ElevenLabs voice. */
  voice: string | null;
  language: string;
  hints: string;
  clientId: number;
}

/**
 * <Connect action><ConversationRelay> for a relay business (Twilio's ConversationRelay TwiML noun):
 * Twilio recognises the caller's speech and speaks Rachel's text with ElevenLabs, streaming both over
 * the WebSocket. The caller may cut in by voice or keypad (interruptible="any"), keypad digits are
 * reported, and the business travels as a custom <Parameter> the setup message echoes back.
 */
export function relayConnectTwiml(relay: RelayConnect): string {
  const response = new VoiceResponse();
  const connect = response.connect({ action: relay.actionUrl, method: 'POST' });
  const conversation = connect.conversationRelay({
    url: relay.socketUrl,
    welcomeGreeting: relay.welcomeGreeting,
    welcomeGreetingInterruptible: 'any',
    interruptible: 'any',
    ttsProvider: 'ElevenLabs',
    ...(relay.voice ? { voice: relay.voice } : {}),
    language: relay.language,
    dtmfDetection: true,
    hints: relay.hints,
  });
  conversation.parameter({ name: 'clientId', value: String(relay.clientId) });
  return response.toString();
}
