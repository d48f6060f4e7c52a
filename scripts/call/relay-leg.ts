import twilio from 'twilio';
import { WebSocket } from 'ws';
import type { RelayTarget } from './call-session';

/** What Rachel answered to one utterance over the socket. */
export interface RelayAnswer {
  lines: string[];
  /** The end message's handoffData when she ended the session (handover or goodbye), else null. */
  ended: string | null;
}

/**
 * Twilio's side of a ConversationRelay session for `npm run call`: opens the socket the TwiML named
 * (sent to the local server, signed over the public wss:// URL as Twilio signs it), sends setup, then
 * one final prompt per caller line, and collects Rachel's text tokens up to `last` (or her `end`).
 */
export class RelayLeg {
  private readonly inbox: Array<{ type: string; token?: string; last?: boolean; handoffData?: string }> = [];
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.inbox.push(JSON.parse(data.toString()) as { type: string });
      this.wake?.();
    });
    socket.on('close', () => this.wake?.());
  }

  static async open(target: RelayTarget, options: { localBase: string; webhookBase: string; authToken: string; call: { callSid: string; from: string; to: string } }): Promise<RelayLeg> {
    const publicBase = options.webhookBase.replace(/^http/, 'ws');
    const path = target.url.startsWith(publicBase) ? target.url.slice(publicBase.length) : new URL(target.url).pathname;
    const socket = new WebSocket(`${options.localBase.replace(/^http/, 'ws')}${path}`, { headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(options.authToken, target.url, {}) } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`the relay socket refused the handshake: HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
    const leg = new RelayLeg(socket);
    socket.send(JSON.stringify({ type: 'setup', callSid: options.call.callSid, from: options.call.from, to: options.call.to, direction: 'inbound', customParameters: target.parameters }));
    return leg;
  }

  async say(text: string, timeoutMs = 10_000): Promise<RelayAnswer> {
    this.inbox.length = 0;
    this.socket.send(JSON.stringify({ type: 'prompt', voicePrompt: text, lang: 'en-US', last: true }));
    const deadline = Date.now() + timeoutMs;
    const tokens: string[] = [];
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === 'text' && typeof message.token === 'string') {
        tokens.push(message.token);
        if (message.last) return { lines: tokens.map((t) => t.trim()), ended: null };
      } else if (message?.type === 'end') return { lines: tokens.map((t) => t.trim()), ended: message.handoffData ?? '' };
      else if (!message) {
        if (this.socket.readyState !== WebSocket.OPEN) return { lines: tokens, ended: '' };
        if (Date.now() > deadline) throw new Error('Rachel did not answer over the relay socket in time');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 100);
        });
      }
    }
  }

  close(): void {
    this.socket.close(1000);
  }
}
