import { randomBytes } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';

/** Sends one signed form POST; the session does not care whether it goes over HTTP or supertest. */
export type WebhookPoster = (url: string, params: Record<string, string>, signature: string) => Promise<{ status: number; body: string }>;

export interface CallSessionOptions {
  /** The public base Twilio would call (WEBHOOK_BASE_URL): what the first webhook's signature covers. */
  webhookBase: string;
  /** The auth token webhooks are signed with (Twilio's, or the simulator's). */
  authToken: string;
  post: WebhookPoster;
  to: string;
  from: string;
  callSid?: string;
}

/** Where the call stands after Rachel's last TwiML. */
export type CallStatus = 'listening' | 'ringing-owner' | 'recording' | 'relay' | 'ended';

/** A <Connect><ConversationRelay> the call is carried on: the socket Twilio would open, and what it sends. */
export interface RelayTarget {
  url: string;
  welcomeGreeting: string;
  parameters: Record<string, string>;
}

export interface Step {
  /** What the caller heard (every <Say>), in order. */
  lines: string[];
  status: CallStatus;
  /** The TwiML as received, for assertions on attributes. */
  twiml: string;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, preserveOrder: true, trimValues: true });

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function textOf(children: unknown): string {
  return (children as Node[]).map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('').trim();
}

/**
 * A phone call as Twilio would place it against RinglyPro's voice webhooks: signs every request the
 * way Twilio does (HMAC-SHA1 over the URL and sorted parameters), follows the TwiML (Say, Gather,
 * Redirect, Dial, Record, Hangup) and sends the status callback at the end. Used by the e2e tests, the
 * benchmark and `npm run call`.
 */
export class CallSession {
  readonly callSid: string;
  readonly transcript: Array<{ speaker: 'rachel' | 'caller' | 'twilio'; text: string }> = [];
  status: CallStatus = 'ringing-owner';
  /** The URL Twilio would post next: the Gather action, the Dial action, or the Record action. */
  private next: string | null = null;
  private recordingCallback: string | null = null;
  /** Set while the call is on a ConversationRelay session (status 'relay'). */
  relay: RelayTarget | null = null;
  private startedAt = Date.now();

  constructor(private readonly options: CallSessionOptions) {
    this.callSid = options.callSid ?? `CA${randomBytes(16).toString('hex')}`;
  }

  private base(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AccountSid: 'AC00000000000000000000000000000000',
      CallSid: this.callSid,
      From: this.options.from,
      To: this.options.to,
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      ...extra,
    };
  }

  async send(url: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
    const signature = twilio.getExpectedTwilioSignature(this.options.authToken, url, params);
    return this.options.post(url, params, signature);
  }

  /** The call arrives at the Rachel number. */
  async dial(): Promise<Step> {
    this.startedAt = Date.now();
    return this.follow(`${this.options.webhookBase}/voice/webhook/voice`, this.base({ CallStatus: 'ringing' }));
  }

  /** The caller says something (null: silence) while Rachel is listening. */
  async say(speech: string | null, confidence = 0.92): Promise<Step> {
    if (this.status !== 'listening' || !this.next) throw new Error(`Rachel is not listening (call is ${this.status})`);
    if (speech !== null) this.transcript.push({ speaker: 'caller', text: speech });
    const params = this.base({ CallStatus: 'in-progress', ...(speech !== null ? { SpeechResult: speech, Confidence: String(confidence) } : {}) });
    return this.follow(this.next, params);
  }

  /** Sends the last turn's webhook again, as Twilio does when a response was slow or lost. */
  async retryLast(speech: string | null, turnUrl: string, confidence = 0.92): Promise<{ status: number; body: string }> {
    const params = this.base({ CallStatus: 'in-progress', ...(speech !== null ? { SpeechResult: speech, Confidence: String(confidence) } : {}) });
    return this.send(turnUrl, params);
  }

  /** The URL the next caller turn goes to (the pending Gather action). */
  get pendingUrl(): string | null {
    return this.next;
  }

  /** The owner's phone stopped ringing: 'completed' (they talked), 'no-answer', 'busy' or 'failed'. */
  async ownerLine(dialStatus: 'completed' | 'no-answer' | 'busy' | 'failed'): Promise<Step> {
    if (this.status !== 'ringing-owner' || !this.next) throw new Error(`Nobody is being dialled (call is ${this.status})`);
    return this.follow(this.next, this.base({ CallStatus: 'in-progress', DialCallStatus: dialStatus }));
  }

  /** The ConversationRelay session ended (Rachel sent `end`, or the socket failed): Twilio requests the <Connect> action. */
  async relayEnded(handoffData: string | null, sessionStatus: 'ended' | 'failed' = 'ended'): Promise<Step> {
    if (this.status !== 'relay' || !this.next) throw new Error(`No relay session (call is ${this.status})`);
    this.relay = null;
    return this.follow(this.next, this.base({ CallStatus: 'in-progress', SessionStatus: sessionStatus, ...(handoffData ? { HandoffData: handoffData } : {}) }));
  }

  /** The caller records a voicemail: Twilio's recording status callback, then the Record action. */
  async leaveVoicemail(seconds = 12): Promise<Step> {
    if (this.status !== 'recording' || !this.next || !this.recordingCallback) throw new Error(`Nothing is recording (call is ${this.status})`);
    const recordingSid = `RE${randomBytes(16).toString('hex')}`;
    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/${recordingSid}`;
    const callback = { AccountSid: 'AC00000000000000000000000000000000', CallSid: this.callSid, RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingStatus: 'completed', RecordingDuration: String(seconds), RecordingChannels: '1', RecordingSource: 'RecordVerb' };
    const done = this.follow(this.next, this.base({ CallStatus: 'in-progress', RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingDuration: String(seconds), Digits: 'hangup' }));
    const result = await done;
    const res = await this.send(this.recordingCallback, callback);
    if (res.status !== 200) throw new Error(`recording callback answered ${res.status}`);
    this.transcript.push({ speaker: 'twilio', text: `(voicemail, ${seconds}s)` });
    return result;
  }

  /** The call ends: Twilio's status callback, with the time since dialling (or the CallDuration given). */
  async hangUp(status: 'completed' | 'no-answer' | 'busy' | 'failed' | 'canceled' = 'completed', durationSeconds?: number): Promise<void> {
    const duration = String(durationSeconds ?? Math.max(1, Math.round((Date.now() - this.startedAt) / 1000)));
    const res = await this.send(`${this.options.webhookBase}/voice/status`, this.base({ CallStatus: status, CallDuration: duration }));
    if (res.status !== 200) throw new Error(`status callback answered ${res.status}`);
    this.status = 'ended';
    this.next = null;
  }

  private async follow(url: string, params: Record<string, string>, redirects = 0): Promise<Step> {
    const res = await this.send(url, params);
    if (res.status !== 200) throw new Error(`${url} answered HTTP ${res.status}: ${res.body.slice(0, 300)}`);
    const step = this.read(res.body);
    if (step.redirect && redirects < 3) return this.follow(step.redirect, this.base({ CallStatus: 'in-progress' }), redirects + 1);
    return { lines: step.lines, status: this.status, twiml: res.body };
  }

  /** Walks the TwiML as Twilio would, up to where it waits for the caller or the owner. */
  private read(body: string): { lines: string[]; redirect: string | null } {
    const parsed = xml.parse(body) as Node[];
    const response = parsed.find((n) => 'Response' in n);
    if (!response) throw new Error(`not TwiML: ${body.slice(0, 200)}`);
    const lines: string[] = [];
    const said = (text: string) => {
      lines.push(text);
      this.transcript.push({ speaker: 'rachel', text });
    };
    this.next = null;
    this.status = 'ended';
    for (const verb of response.Response as Node[]) {
      const attrs = verb[':@'] ?? {};
      if ('Say' in verb) said(textOf(verb.Say));
      else if ('Gather' in verb) {
        for (const inner of verb.Gather as Node[]) if ('Say' in inner) said(textOf(inner.Say));
        this.next = attrs['@action'];
        this.status = 'listening';
        return { lines, redirect: null };
      } else if ('Dial' in verb) {
        this.transcript.push({ speaker: 'twilio', text: `(ringing ${textOf((verb.Dial as Node[]).flatMap((n) => (n.Number as Node[]) ?? []))})` });
        this.next = attrs['@action'];
        this.status = 'ringing-owner';
        return { lines, redirect: null };
      } else if ('Record' in verb) {
        this.next = attrs['@action'];
        this.recordingCallback = attrs['@recordingStatusCallback'] ?? null;
        this.status = 'recording';
        return { lines, redirect: null };
      } else if ('Connect' in verb) {
        // ConversationRelay: Twilio speaks the welcome greeting and opens the socket; the action comes after.
        const relay = (verb.Connect as Node[]).find((n) => 'ConversationRelay' in n);
        if (!relay) break;
        const relayAttrs = relay[':@'] ?? {};
        const parameters = Object.fromEntries((relay.ConversationRelay as Node[]).filter((n) => 'Parameter' in n).map((n) => [n[':@']?.['@name'] ?? '', n[':@']?.['@value'] ?? '']));
        this.relay = { url: relayAttrs['@url'], welcomeGreeting: relayAttrs['@welcomeGreeting'] ?? '', parameters };
        if (this.relay.welcomeGreeting) said(this.relay.welcomeGreeting);
        this.next = attrs['@action'];
        this.status = 'relay';
        return { lines, redirect: null };
      } else if ('Redirect' in verb) return { lines, redirect: textOf(verb.Redirect) };
      else if ('Hangup' in verb) break;
    }
    this.status = 'ended';
    return { lines, redirect: null };
  }
}
