import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ringlypro/core';

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
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  socket(): string {
    return `${this.config.webhookBaseUrl.replace(/^http/, 'ws')}${RELAY_SOCKET_PATH}`;
  }

  /** The socket address a handshake for `requestPath` (path and query as received) was signed over. */
  signedSocketUrl(requestPath: string): string {
    return `${this.config.webhookBaseUrl.replace(/^http/, 'ws')}${requestPath}`;
  }

  ended(): string {
    return `${this.config.webhookBaseUrl}${RELAY_ENDED_PATH}`;
  }
}
