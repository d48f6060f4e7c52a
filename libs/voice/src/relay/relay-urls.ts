import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';
import { createHmac, timingSafeEqual } from 'node:crypto';

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The relay WebSocket's path on the API's own HTTP server. */
export const RELAY_SOCKET_PATH = '/voice/relay';
/** The <Connect> action: where Twilio goes when a relay session ends. */
export const RELAY_ENDED_PATH = '/voice/relay/ended';

/**
 * The public addresses of the relay transport, from WEBHOOK_BASE_URL like every Twilio URL: the socket
 * is the same host over wss:// (ws:// for a plain-http development base), and Twilio signs the
 * handshake over exactly this address.
 */
@Injectable()
export class RelayUrls {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.webhookSigningToken).update('ringlypro:relay-socket:v1').digest();
  }

  /**
   * The socket address for one call: `?call=<CallSid>&t=<our HMAC of it>`. Twilio signs the handshake
   * over the whole URL, query included, so a handshake opens a session for this call only — without
   * the token every handshake would carry the same signature, and one leaked header (a proxy log)
   * would open sockets for any call.
   */
  socket(callSid: string): string {
    return `${this.config.webhookBaseUrl.replace(/^http/, 'ws')}${RELAY_SOCKET_PATH}?call=${callSid}&t=${this.token(callSid)}`;
  }

  /** The call a handshake's path and query are for, when its token is ours; null otherwise. */
  callOf(requestPath: string): string | null {
    const query = new URLSearchParams(requestPath.split('?')[1] ?? '');
    const callSid = query.get('call');
    const token = query.get('t');
    if (!callSid || !token || !CALL_SID.test(callSid) || !TOKEN.test(token)) return null;
    return timingSafeEqual(Buffer.from(token), Buffer.from(this.token(callSid))) ? callSid : null;
  }

  private token(callSid: string): string {
    return createHmac('sha256', this.key).update(callSid).digest('base64url').slice(0, 32);
  }

  /** The socket address a handshake for `requestPath` (path and query as received) was signed over. */
  signedSocketUrl(requestPath: string): string {
    return `${this.config.webhookBaseUrl.replace(/^http/, 'ws')}${requestPath}`;
  }

  ended(): string {
    return `${this.config.webhookBaseUrl}${RELAY_ENDED_PATH}`;
  }
}
