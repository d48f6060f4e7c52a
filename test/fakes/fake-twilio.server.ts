import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conform, contractViolations, matchOperation } from './twilio-openapi-contract';

export const FAKE_ACCOUNT_SID = 'AC' + 'f'.repeat(32);
export const FAKE_AUTH_TOKEN = 'fake-twilio-auth-token-0123456789';

const NUMBER_SCHEMA = 'api.v2010.account.incoming_phone_number';
const AVAILABLE_SCHEMA = 'api.v2010.account.available_phone_number_country.available_phone_number_local';
const MESSAGE_SCHEMA = 'api.v2010.account.message';

export interface RecordedRequest {
  method: string;
  path: string;
  template: string | null;
  query: Record<string, string>;
  form: Record<string, string>;
}

export interface FakeNumber {
  sid: string;
  phone_number: string;
  friendly_name: string;
  voice_url: string | null;
  voice_method: string;
  sms_url: string | null;
  sms_method: string;
  status_callback: string | null;
  status_callback_method: string;
}

export interface TwilioError {
  status: number;
  code: number;
  message: string;
}

/**
 * A local stand-in for api.twilio.com, driven by the real `twilio` SDK in tests. It speaks the real
 * wire protocol (Basic auth, form bodies, JSON resources, Twilio's error JSON), checks every request
 * against Twilio's OpenAPI spec and records it, and lets a test script failures.
 */
export class FakeTwilio {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly numbers = new Map<string, FakeNumber>();
  readonly messages: Array<{ sid: string; from: string; to: string; body: string; status_callback: string | null }> = [];
  /** Numbers for sale, by area code. Any area code not listed has none. */
  readonly inventory = new Map<string, string[]>();
  /** Numbers near a given business phone (NearNumber searches). */
  readonly nearby = new Map<string, string[]>();
  /** What an unfiltered US search offers. */
  anywhere: string[] = [];
  /** Area codes whose search answers 21452 instead of an empty list. */
  readonly exhaustedAreaCodes = new Set<string>();
  /** Queued failures: the next request matching `route` answers with this error. */
  private readonly failures: Array<{ route: RegExp; error: TwilioError; remaining: number }> = [];
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` requests whose "METHOD /path" matches `route` fail with `error`. */
  failNext(route: RegExp, error: TwilioError, times = 1): void {
    this.failures.push({ route, error, remaining: times });
  }

  requestsTo(template: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => template.test(`${r.method} ${r.template ?? r.path}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c)).on('end', () => resolve(data));
    });
    const query = Object.fromEntries(url.searchParams);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const method = req.method ?? 'GET';
    const match = matchOperation(method, url.pathname);
    this.requests.push({ method, path: url.pathname, template: match?.template ?? null, query, form });

    if (!match) return this.fail(res, { status: 404, code: 20404, message: `The requested resource ${url.pathname} was not found` }, `no ${method} ${url.pathname} in the Twilio API`);
    const problems = contractViolations(match, query, form);
    if (problems.length) return this.fail(res, { status: 400, code: 21000, message: problems.join('; ') }, `${method} ${match.template}: ${problems.join('; ')}`);
    const expectedAuth = 'Basic ' + Buffer.from(`${FAKE_ACCOUNT_SID}:${FAKE_AUTH_TOKEN}`).toString('base64');
    if (req.headers.authorization !== expectedAuth || match.pathParams.AccountSid !== FAKE_ACCOUNT_SID) {
      return this.send(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    }
    const scripted = this.failures.find((f) => f.remaining > 0 && f.route.test(`${method} ${url.pathname}`));
    if (scripted) {
      scripted.remaining--;
      return this.send(res, scripted.error.status, { code: scripted.error.code, message: scripted.error.message, more_info: `https://www.twilio.com/docs/errors/${scripted.error.code}`, status: scripted.error.status });
    }
    const route = `${method} ${match.template.replace('/2010-04-01/Accounts/{AccountSid}', '')}`;
    switch (route) {
      case 'GET /AvailablePhoneNumbers/{CountryCode}/Local.json':
        return this.searchLocal(res, url.pathname, query);
      case 'POST /IncomingPhoneNumbers.json':
        return this.buy(res, form);
      case 'GET /IncomingPhoneNumbers.json':
        return this.listNumbers(res, url.pathname, query);
      case 'POST /IncomingPhoneNumbers/{Sid}.json':
        return this.updateNumber(res, match.pathParams.Sid, form);
      case 'DELETE /IncomingPhoneNumbers/{Sid}.json':
        return this.numbers.delete(match.pathParams.Sid) ? this.send(res, 204, null) : this.notFound(res);
      case 'POST /Messages.json':
        return this.sendMessage(res, form);
      default:
        return this.fail(res, { status: 501, code: 20001, message: `the fake does not implement ${route}` }, `unimplemented ${route}`);
    }
  }

  private searchLocal(res: ServerResponse, path: string, query: Record<string, string>) {
    let offered: string[];
    if (query.AreaCode) {
      if (this.exhaustedAreaCodes.has(query.AreaCode)) return this.send(res, 400, { code: 21452, message: `No phone numbers found in area code ${query.AreaCode}`, status: 400 });
      offered = this.inventory.get(query.AreaCode) ?? [];
    } else if (query.NearNumber) {
      offered = this.nearby.get(query.NearNumber) ?? [];
    } else {
      offered = this.anywhere;
    }
    const owned = new Set([...this.numbers.values()].map((n) => n.phone_number));
    const pageSize = Number(query.PageSize ?? 50);
    const records = offered
      .filter((n) => !owned.has(n))
      .slice(0, pageSize)
      .map((phone) =>
        conform(AVAILABLE_SCHEMA, {
          friendly_name: `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`,
          phone_number: phone,
          lata: '000',
          locality: 'Springfield',
          rate_center: 'SPRINGFIELD',
          latitude: '40.0',
          longitude: '-75.0',
          region: 'PA',
          postal_code: '19000',
          iso_country: 'US',
          address_requirements: 'none',
          beta: false,
          capabilities: { voice: true, SMS: true, MMS: true },
        }),
      );
    return this.send(res, 200, { available_phone_numbers: records, uri: path, end: records.length - 1, page: 0, page_size: pageSize, first_page_uri: path, next_page_uri: null, previous_page_uri: null, start: 0 });
  }

  private buy(res: ServerResponse, form: Record<string, string>) {
    // The spec marks neither required, but Twilio needs one of them.
    if (!form.PhoneNumber && !form.AreaCode) {
      this.violations.push('POST IncomingPhoneNumbers without PhoneNumber or AreaCode');
      return this.send(res, 400, { code: 21421, message: 'PhoneNumber or AreaCode is required', status: 400 });
    }
    const phone = form.PhoneNumber;
    if ([...this.numbers.values()].some((n) => n.phone_number === phone)) return this.send(res, 400, { code: 21422, message: 'PhoneNumber is not available', status: 400 });
    const number: FakeNumber = {
      sid: `PN${randomBytes(16).toString('hex')}`,
      phone_number: phone,
      friendly_name: form.FriendlyName ?? phone,
      voice_url: form.VoiceUrl ?? null,
      voice_method: form.VoiceMethod ?? 'POST',
      sms_url: form.SmsUrl ?? null,
      sms_method: form.SmsMethod ?? 'POST',
      status_callback: form.StatusCallback ?? null,
      status_callback_method: form.StatusCallbackMethod ?? 'POST',
    };
    this.numbers.set(number.sid, number);
    return this.send(res, 201, this.numberResource(number));
  }

  private listNumbers(res: ServerResponse, path: string, query: Record<string, string>) {
    const records = [...this.numbers.values()]
      .filter((n) => !query.FriendlyName || n.friendly_name === query.FriendlyName)
      .filter((n) => !query.PhoneNumber || n.phone_number === query.PhoneNumber)
      .map((n) => this.numberResource(n));
    return this.send(res, 200, { incoming_phone_numbers: records, uri: path, end: records.length - 1, page: 0, page_size: Number(query.PageSize ?? 50), first_page_uri: path, next_page_uri: null, previous_page_uri: null, start: 0 });
  }

  private updateNumber(res: ServerResponse, sid: string, form: Record<string, string>) {
    const number = this.numbers.get(sid);
    if (!number) return this.notFound(res);
    if (form.VoiceUrl !== undefined) number.voice_url = form.VoiceUrl;
    if (form.VoiceMethod !== undefined) number.voice_method = form.VoiceMethod;
    if (form.SmsUrl !== undefined) number.sms_url = form.SmsUrl;
    if (form.FriendlyName !== undefined) number.friendly_name = form.FriendlyName;
    return this.send(res, 200, this.numberResource(number));
  }

  private sendMessage(res: ServerResponse, form: Record<string, string>) {
    if (!/^\+[1-9]\d{7,14}$/.test(form.To)) return this.send(res, 400, { code: 21211, message: `The 'To' number ${form.To} is not a valid phone number.`, status: 400 });
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.messages.push({ sid, from: form.From, to: form.To, body: form.Body, status_callback: form.StatusCallback ?? null });
    const now = new Date().toUTCString();
    return this.send(
      res,
      201,
      conform(MESSAGE_SCHEMA, {
        sid,
        account_sid: FAKE_ACCOUNT_SID,
        api_version: '2010-04-01',
        body: form.Body,
        direction: 'outbound-api',
        from: form.From,
        to: form.To,
        status: 'queued',
        num_segments: '1',
        num_media: '0',
        price: null,
        price_unit: 'USD',
        error_code: null,
        error_message: null,
        messaging_service_sid: null,
        date_created: now,
        date_updated: now,
        date_sent: null,
        uri: `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages/${sid}.json`,
        subresource_uris: {},
      }),
    );
  }

  private numberResource(n: FakeNumber) {
    const now = new Date().toUTCString();
    return conform(NUMBER_SCHEMA, {
      sid: n.sid,
      account_sid: FAKE_ACCOUNT_SID,
      api_version: '2010-04-01',
      friendly_name: n.friendly_name,
      phone_number: n.phone_number,
      voice_url: n.voice_url,
      voice_method: n.voice_method,
      sms_url: n.sms_url,
      sms_method: n.sms_method,
      status_callback: n.status_callback,
      status_callback_method: n.status_callback_method,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
      beta: false,
      origin: 'twilio',
      status: 'in-use',
      date_created: now,
      date_updated: now,
      uri: `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/IncomingPhoneNumbers/${n.sid}.json`,
    });
  }

  private notFound(res: ServerResponse) {
    return this.send(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
  }

  private fail(res: ServerResponse, error: TwilioError, violation: string) {
    this.violations.push(violation);
    return this.send(res, error.status, { code: error.code, message: error.message, status: error.status });
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, body === null ? {} : { 'Content-Type': 'application/json' });
    res.end(body === null ? undefined : JSON.stringify(body));
  }
}
