import twilio from 'twilio';

/** Signs a webhook exactly as Twilio does: HMAC-SHA1 over the full URL plus the sorted POST parameters. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
