import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** One signed webhook as Twilio would send it: the path (with query) and its form parameters. */
export interface Webhook {
  path: string;
  params: Record<string, string>;
}

/** A call the product greeted (and so holds a conversation for), to drive its turns and status callback. */
export interface GreetedCall {
  sid: string;
  from: string;
  to: string;
}

const ACCOUNT = 'AC00000000000000000000000000000000';
/** No business has it (the bench's are +1888555 1000 onwards, one per BENCH_TENANTS). */
const UNKNOWN_NUMBER = '+18885559999';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
let phoneCounter = 0;
/** Distinct US callers in a real area code (the 555-01xx block is reserved for fiction). */
const caller = () => `+1310555${String(100 + (phoneCounter++ % 100)).padStart(4, '0')}`;

const callParams = (sid: string, from: string, to: string, extra: Record<string, string>) => ({ AccountSid: ACCOUNT, CallSid: sid, From: from, To: to, Direction: 'inbound', ApiVersion: '2010-04-01', ...extra });

/**
 * The request streams of the four webhooks of a call. Each product request is distinct (its own CallSid
 * or MessageSid); turns and status callbacks walk the calls the greeting phase actually started. The
 * bare app gets requests of the same shape from a source of its own, so it never uses up those calls.
 */
export class Traffic {
  private turnCursor = 0;
  private statusCursor = 0;

  constructor(
    private readonly numbers: string[],
    private readonly calls: () => GreetedCall[],
  ) {}

  private number(i: number): string {
    return this.numbers[i % this.numbers.length];
  }

  greeting(i: number): Webhook {
    return { path: '/voice/webhook/voice', params: callParams(`CA${hex(16)}`, caller(), this.number(i), { CallStatus: 'ringing' }) };
  }

  /**
   * A greeting to a number no business has: signature, budget, the cached number lookup and the
   * apology, no database work — the floor every webhook stands on.
   */
  unknownNumber(): Webhook {
    return { path: '/voice/webhook/voice', params: callParams(`CA${hex(16)}`, caller(), UNKNOWN_NUMBER, { CallStatus: 'ringing' }) };
  }

  /** Turn 1 of every greeted call, then turn 2 of every call, … — a turn always follows the answered one. */
  turn(i: number, product: boolean): Webhook {
    const speech = { CallStatus: 'in-progress', SpeechResult: 'What are your hours?', Confidence: '0.92' };
    const calls = this.calls();
    if (!product || calls.length === 0) return { path: '/voice/rachel/turn?turn=1', params: callParams(`CA${hex(16)}`, caller(), this.number(i), speech) };
    const n = this.turnCursor++;
    const call = calls[n % calls.length];
    return { path: `/voice/rachel/turn?turn=${1 + Math.floor(n / calls.length)}`, params: callParams(call.sid, call.from, call.to, speech) };
  }

  /** The final callback of each greeted call (billing and the end-of-call hooks run); fresh calls after. */
  status(i: number, product: boolean): Webhook {
    const calls = this.calls();
    const call = product && this.statusCursor < calls.length ? calls[this.statusCursor++] : { sid: `CA${hex(16)}`, from: caller(), to: this.number(i) };
    return { path: '/voice/status', params: callParams(call.sid, call.from, call.to, { CallStatus: 'completed', CallDuration: '42' }) };
  }

  sms(i: number): Webhook {
    const sid = `SM${hex(16)}`;
    return {
      path: '/sms/webhook',
      params: { AccountSid: ACCOUNT, MessageSid: sid, SmsSid: sid, From: caller(), To: this.number(i), Body: 'Do you have parking nearby?', NumMedia: '0', ApiVersion: '2010-04-01' },
    };
  }
}

/** The body and headers autocannon sends for a webhook, signed the way Twilio signs (base URL + path). */
export function signed(webhook: Webhook, webhookBase: string, authToken: string): { path: string; body: string; headers: Record<string, string> } {
  return {
    path: webhook.path,
    body: new URLSearchParams(webhook.params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, `${webhookBase}${webhook.path}`, webhook.params),
    },
  };
}
