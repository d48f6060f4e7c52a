import twilio from 'twilio';
import { element, EMPTY_TWIML, TwimlDocument } from './twiml-writer';

const { VoiceResponse } = twilio.twiml;
const VOICE = { voice: 'Polly.Joanna' as const, language: 'en-US' as const };

/** When something on our side failed: Twilio must still get valid TwiML, and the caller a kind word. */
export function apologyTwiml(businessName?: string): string {
  return new TwimlDocument()
    .say(VOICE, `We're sorry, ${businessName ?? 'this business'} can't take your call right now. Please try again later. Goodbye.`)
    .add(element('Hangup'))
    .toString();
}

/** What is said before the owner's phone rings: a sentence, or lines the caller renders itself (Rachel's voice). */
export type DialPrelude = string | ((response: InstanceType<typeof VoiceResponse>) => void);

/** Rachel is off: ring the owner, showing them who is calling; `greeting` is said first when given. */
export function dialOwnerTwiml(ownerPhone: string, callerId: string | undefined, actionUrl: string, greeting?: DialPrelude): string {
  const response = new VoiceResponse();
  if (typeof greeting === 'string') response.say(VOICE, greeting);
  else if (greeting) greeting(response);
  const dial = response.dial({ ...(callerId ? { callerId } : {}), answerOnBridge: true, timeout: 20, action: actionUrl, method: 'POST' });
  dial.number(ownerPhone);
  return response.toString();
}

/** The owner's line finished: hang up after a real conversation, otherwise explain and hang up. */
export function dialFinishedTwiml(dialStatus: string | undefined, businessName: string): string {
  const response = new VoiceResponse();
  if (dialStatus !== 'completed') {
    response.say(VOICE, `Sorry, nobody at ${businessName} could take your call right now. Please call again later. Goodbye.`);
  }
  response.hangup();
  return response.toString();
}

/** Nothing to do (status callbacks): answered on every call, so a constant. */
export function emptyTwiml(): string {
  return EMPTY_TWIML;
}
