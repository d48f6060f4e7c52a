import { createHmac, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, under the auth token, of the URL Twilio requested
 * followed by every POSTed parameter as name + value, names sorted (code-point order, as Twilio's
 * libraries sort them). Parameters are single strings here: the guard refuses repeated ones first.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

function sameSignature(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Is `signature` Twilio's for this request? Twilio signs the URL exactly as it was configured on the
 * number — which is `url` here, built from WEBHOOK_BASE_URL — so that one HMAC settles every genuine
 * request. Only when it does not match are the variants Twilio's own validator accepts tried (the
 * URL with its port added or removed, re-encoded query strings): the same requests pass as with
 * `twilio.validateRequest` alone, but a genuine one costs one HMAC instead of two or more.
 */
export function isTwilioSignature(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  if (sameSignature(signature, twilioSignature(authToken, url, params))) return true;
  return twilio.validateRequest(authToken, signature, url, params);
}
