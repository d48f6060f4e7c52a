import twilio from 'twilio';

const { VoiceResponse } = twilio.twiml;
const VOICE = { voice: 'Polly.Joanna' as const, language: 'en-US' as const };

/** Longest voicemail Twilio records for a caller, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 120;

export interface VoicemailUrls {
  /** Where Twilio goes after the recording (the caller hears a thank-you). */
  done: string;
  /** Twilio's recording status callback: the recording is stored and the owner texted. */
  recorded: string;
}

/**
 * Nobody could take the call (no answer, busy, failed): the caller may leave a voicemail instead of
 * being sent away. If they hang up or say nothing, Twilio continues to the goodbye after <Record>.
 */
export function voicemailTwiml(businessName: string, urls: VoicemailUrls): string {
  const response = new VoiceResponse();
  response.say(VOICE, `Sorry, nobody at ${businessName} could take your call right now. Please leave a message after the tone, and they will call you back.`);
  response.record({
    action: urls.done,
    method: 'POST',
    maxLength: VOICEMAIL_MAX_SECONDS,
    timeout: 5,
    playBeep: true,
    trim: 'trim-silence',
    recordingStatusCallback: urls.recorded,
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
  });
  response.hangup();
  return response.toString();
}

/** After the recording: thank the caller and hang up. */
export function voicemailThanksTwiml(businessName: string): string {
  const response = new VoiceResponse();
  response.say(VOICE, `Thank you. ${businessName} has your message. Goodbye.`);
  response.hangup();
  return response.toString();
}
