import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export const FAKE_STRIPE_KEY = 'sk_test_fakestripe0123456789';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_fakestripe0123456789';

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: string;
  url: string;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete';
  success_url: string;
  cancel_url: string | null;
}

/**
 * A local stand-in for api.stripe.com, driven by the official `stripe` SDK (pointed here with its
 * host/port/protocol options). It speaks Stripe's wire protocol: Bearer secret key, form bodies with
 * bracketed keys (line_items[0][price_data][unit_amount]), JSON resources and Stripe's error JSON
 * ({ error: { type, message, param } }), and refuses what Stripe would refuse for a Checkout.
 */
export class FakeStripe {
  readonly sessions = new Map<string, CheckoutSession>();
  readonly requests: Array<{ method: string; path: string; form: Record<string, string>; headers: Record<string, string | string[] | undefined> }> = [];
  private failures = 0;
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    // The SDK keeps its connections alive; close them so the server (and jest) can exit.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` requests answer Stripe's 500 api_error. */
  failNext(times = 1): void {
    this.failures += times;
  }

  /** The `checkout.session.completed` event Stripe would send once the customer has paid. */
  completedEvent(sessionId: string, overrides: Partial<CheckoutSession> = {}, eventId = `evt_${randomBytes(12).toString('hex')}`): string {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const paid = { ...session, payment_status: 'paid' as const, status: 'complete' as const, ...overrides };
    return JSON.stringify({ id: eventId, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), type: 'checkout.session.completed', livemode: false, data: { object: paid } });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ method: req.method ?? '', path, form, headers: req.headers });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(7).toString('hex')}` });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, type: string, message: string, param?: string) => send(status, { error: { type, message, ...(param ? { param } : {}) } });

    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`) return error(401, 'invalid_request_error', 'Invalid API Key provided');
    if (this.failures > 0) {
      this.failures -= 1;
      return error(500, 'api_error', 'Something went wrong on our end.');
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(form, send, error);
    const match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const session = this.sessions.get(match[1]);
      return session ? send(200, session) : error(404, 'invalid_request_error', `No such checkout.session: '${match[1]}'`, 'session');
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`);
  }

  private createSession(form: Record<string, string>, send: (s: number, b: unknown) => void, error: (s: number, t: string, m: string, p?: string) => void): void {
    const required = ['mode', 'success_url', 'line_items[0][quantity]', 'line_items[0][price_data][currency]', 'line_items[0][price_data][unit_amount]', 'line_items[0][price_data][product_data][name]'];
    for (const param of required) if (!form[param]) return error(400, 'invalid_request_error', `Missing required param: ${param}.`, param);
    if (!['payment', 'subscription', 'setup'].includes(form.mode)) return error(400, 'invalid_request_error', `Invalid mode: ${form.mode}`, 'mode');
    const unitAmount = Number(form['line_items[0][price_data][unit_amount]']);
    const quantity = Number(form['line_items[0][quantity]']);
    if (!Number.isInteger(unitAmount) || unitAmount < 50) return error(400, 'invalid_request_error', 'Invalid integer: unit_amount', 'line_items[0][price_data][unit_amount]');
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      const m = /^metadata\[(.+)\]$/.exec(key);
      if (m) metadata[m[1]] = value;
    }
    const id = `cs_test_${randomBytes(16).toString('hex')}`;
    const session: CheckoutSession = {
      id,
      object: 'checkout.session',
      mode: form.mode,
      url: `https://checkout.stripe.com/c/pay/${id}`,
      amount_total: unitAmount * quantity,
      currency: form['line_items[0][price_data][currency]'],
      client_reference_id: form.client_reference_id ?? null,
      metadata,
      payment_status: 'unpaid',
      status: 'open',
      success_url: form.success_url,
      cancel_url: form.cancel_url ?? null,
    };
    this.sessions.set(id, session);
    send(200, session);
  }
}

/** Signs a webhook payload as Stripe does, with the SDK's own test helper. */
export function stripeSignature(payload: string, secret = FAKE_STRIPE_WEBHOOK_SECRET, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}
