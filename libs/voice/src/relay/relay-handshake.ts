import type { IncomingMessage } from 'node:http';
import twilio from 'twilio';

/**
 * Twilio signs the ConversationRelay WebSocket handshake like a webhook: X-Twilio-Signature is the
 * HMAC-SHA1, under the auth token, of the wss:// URL it connected to, with no POST parameters (a
 * handshake has no body). Compared with the URL rebuilt from WEBHOOK_BASE_URL, as the webhook guard does.
 */
export function isSignedByTwilio(request: IncomingMessage, signedUrl: string, authToken: string): boolean {
  const signature = request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 200) return false;
  return twilio.validateRequest(authToken, signature, signedUrl, {});
}
