import { element, TwimlContainer, TwimlDocument } from '@ringlypro/telephony';
import type twilio from 'twilio';
import type { BusinessProfile } from '../dialogue/conversation';
import type { Speaker } from '../speech/speaker';

type Response = InstanceType<typeof twilio.twiml.VoiceResponse>;

export interface GatherSettings {
  language: string;
  speechModel: string;
}

/** Seconds Twilio waits for the caller to start speaking before posting an empty result. */
const LISTEN_TIMEOUT_SECONDS = 6;

/**
 * Words the recogniser should expect on this business's calls: its name, the booking vocabulary, the
 * days and the parts of the day callers use.
 */
export function speechHints(business: BusinessProfile): string {
  return [
    business.name,
    'appointment',
    'book',
    'cancel',
    'reschedule',
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
    'tomorrow',
    'morning',
    'afternoon',
    'noon',
    'speak to someone',
    'leave a message',
  ]
    .map((hint) => hint.replace(/[,\s]+/g, ' ').trim().slice(0, 100))
    .filter(Boolean)
    .join(', ');
}

/**
 * Rachel's lines inside a speech <Gather> whose action is the next turn's webhook. With
 * actionOnEmptyResult Twilio posts silence too, so the dialogue (not Twilio) decides what silence means;
 * the <Redirect> after it is only reached if Twilio skips the action, and lands on the same turn.
 */
export function listenTwiml(lines: string[], speaker: Speaker, turnUrl: string, business: BusinessProfile, settings: GatherSettings): string {
  // Every turn of every call answers with this, so it is an escaped template, not the SDK's builder.
  const gather = new TwimlContainer('Gather', {
    input: 'speech',
    action: turnUrl,
    method: 'POST',
    speechTimeout: 'auto',
    timeout: LISTEN_TIMEOUT_SECONDS,
    language: settings.language,
    speechModel: settings.speechModel,
    ...(settings.speechModel === 'phone_call' ? { enhanced: true } : {}),
    hints: speechHints(business),
    actionOnEmptyResult: true,
  });
  for (const line of lines) speaker.speak(gather, line);
  return new TwimlDocument().add(gather.toString()).add(element('Redirect', { method: 'POST' }, turnUrl)).toString();
}

/** Rachel's last lines, then the end of the call. */
export function goodbyeTwiml(lines: string[], speaker: Speaker): string {
  const response = new TwimlDocument();
  for (const line of lines) speaker.speak(response, line);
  return response.add(element('Hangup')).toString();
}

/** Rachel's lines rendered in front of another TwiML document (the owner's dial). */
export function speakInto(lines: string[], speaker: Speaker): (response: Response) => void {
  return (response) => {
    for (const line of lines) speaker.speak(response, line);
  };
}
