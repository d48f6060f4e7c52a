import RequestClient from 'twilio/lib/base/RequestClient';

const TWILIO_ORIGIN = /^https:\/\/[a-z0-9.-]+\.twilio\.com/;

/**
 * The SDK's own HTTP client, with every Twilio API origin replaced by a configured base URL
 * (TWILIO_API_BASE_URL): a Twilio-compatible provider, or a local fake Twilio in tests. Everything
 * else — auth, serialisation, error parsing — stays the SDK's.
 */
export class RedirectingRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ autoRetry: false });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl.replace(/\/+$/, '')) });
  }
}
