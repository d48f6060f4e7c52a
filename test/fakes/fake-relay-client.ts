import twilio from 'twilio';
import { WebSocket } from 'ws';

/** A message Rachel's side sent over the socket. */
export type RelayOutbound = { type: 'text'; token: string; last: boolean } | { type: 'end'; handoffData: string } | { type: string; [key: string]: unknown };

export interface RelayConnectOptions {
  /** Where the API really listens (ws://127.0.0.1:port). */
  localBase: string;
  /** The wss:// URL the TwiML named: Twilio signs the handshake over it. */
  publicUrl: string;
  authToken: string;
  /** Overrides the signature (a forged or missing one); null sends none. */
  signature?: string | null;
  /** Where to connect on localBase; default: publicUrl's path and query, as Twilio would. */
  path?: string;
}

/**
 * Twilio's side of a ConversationRelay session over a real WebSocket: the handshake signed as Twilio
 * signs it (X-Twilio-Signature over the wss:// URL, no parameters), the JSON messages Twilio sends
 * (setup, prompt, interrupt, dtmf, error), and what Twilio reads back (text tokens, end).
 */
export class FakeRelayClient {
  readonly received: RelayOutbound[] = [];
  /** performance.now() at which each received message arrived (benchmarks). */
  readonly receivedAt: number[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.receivedAt.push(performance.now());
      this.received.push(JSON.parse(data.toString()) as RelayOutbound);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => {
      for (const wake of this.waiters.splice(0)) wake();
      resolve({ code, reason: reason.toString() });
    }));
  }

  /** Opens the socket; rejects with the HTTP status when the handshake is refused. */
  static connect(options: RelayConnectOptions): Promise<FakeRelayClient> {
    const signature = options.signature === undefined ? twilio.getExpectedTwilioSignature(options.authToken, options.publicUrl, {}) : options.signature;
    const target = new URL(options.publicUrl);
    const socket = new WebSocket(`${options.localBase}${options.path ?? target.pathname + target.search}`, { headers: signature === null ? {} : { 'X-Twilio-Signature': signature } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new FakeRelayClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`handshake refused: ${res.statusCode}`), { status: res.statusCode })));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  setup(call: { callSid: string; from: string; to: string; customParameters?: Record<string, string> }): void {
    this.send({
      type: 'setup',
      sessionId: `VX${'0'.repeat(32)}`,
      accountSid: `AC${'0'.repeat(32)}`,
      parentCallSid: '',
      callSid: call.callSid,
      from: call.from,
      to: call.to,
      forwardedFrom: '',
      callType: 'PSTN',
      callerName: '',
      direction: 'inbound',
      callStatus: 'IN-PROGRESS',
      customParameters: call.customParameters ?? {},
    });
  }

  prompt(voicePrompt: string, last = true): void {
    this.send({ type: 'prompt', voicePrompt, lang: 'en-US', last });
  }

  interrupt(utteranceUntilInterrupt: string, durationUntilInterruptMs = 1200): void {
    this.send({ type: 'interrupt', utteranceUntilInterrupt, durationUntilInterruptMs });
  }

  dtmf(digit: string): void {
    this.send({ type: 'dtmf', digit });
  }

  /** The caller says something and hears Rachel's answer: the text tokens up to last=true. */
  async say(voicePrompt: string): Promise<{ tokens: string[]; text: string; lines: string[] }> {
    const from = this.received.length;
    this.prompt(voicePrompt);
    return this.talkFrom(from);
  }

  /** Rachel's next talk cycle after message index `from`. */
  async talkFrom(from: number, timeoutMs = 5000): Promise<{ tokens: string[]; text: string; lines: string[] }> {
    const end = await this.until(from, (m) => (m.type === 'text' && m.last === true) || m.type === 'end', timeoutMs);
    const texts = this.received.slice(from, end + 1).filter((m): m is { type: 'text'; token: string; last: boolean } => m.type === 'text');
    const tokens = texts.map((m) => m.token);
    return { tokens, text: tokens.join(''), lines: tokens.map((t) => t.trim()) };
  }

  /** Index of the first message after `from` that matches (waits for it). */
  first(from: number, match: (m: RelayOutbound) => boolean, timeoutMs = 5000): Promise<number> {
    return this.until(from, match, timeoutMs);
  }

  /** The end message (Rachel hands over or says goodbye) after message index `from`. */
  async ended(from: number, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const at = await this.until(from, (m) => m.type === 'end', timeoutMs);
    return JSON.parse((this.received[at] as { handoffData: string }).handoffData) as Record<string, unknown>;
  }

  close(): void {
    this.socket.close(1000);
  }

  /** The connection breaks without a closing handshake. */
  drop(): void {
    this.socket.terminate();
  }

  private async until(from: number, match: (m: RelayOutbound) => boolean, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((m, i) => i >= from && match(m));
      if (index !== -1) return index;
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error(`socket closed; received ${JSON.stringify(this.received.slice(from))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received ${JSON.stringify(this.received.slice(from))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
