/** What went wrong at Twilio, in our terms. */
export type TelephonyFailure =
  | 'no-numbers-in-area' // 21452
  | 'number-unavailable' // 21422: taken between search and buy
  | 'authentication' // 20003
  | 'rate-limited' // 20429
  | 'invalid-recipient' // 21211
  | 'recipient-unsubscribed' // 21610
  | 'not-found' // 20404
  | 'unavailable' // 5xx, timeouts, network
  | 'rejected'; // any other 4xx

const BY_CODE: Record<number, TelephonyFailure> = {
  21452: 'no-numbers-in-area',
  21422: 'number-unavailable',
  20003: 'authentication',
  20429: 'rate-limited',
  21211: 'invalid-recipient',
  21610: 'recipient-unsubscribed',
  20404: 'not-found',
};

/** Retrying the same request later can succeed. */
const TRANSIENT: ReadonlySet<TelephonyFailure> = new Set(['rate-limited', 'unavailable', 'number-unavailable']);

export class TelephonyError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly failure: TelephonyFailure,
    message: string,
    /** Twilio's own error code, when it gave one. */
    readonly twilioCode: number | null = null,
  ) {
    super(message);
    this.name = 'TelephonyError';
    this.retryable = TRANSIENT.has(failure);
  }

  /** Maps an SDK RestException, an HTTP status or a network error to a TelephonyError. */
  static from(error: unknown): TelephonyError {
    if (error instanceof TelephonyError) return error;
    const e = error as { code?: unknown; status?: unknown; message?: string };
    const code = typeof e?.code === 'number' ? e.code : null;
    const status = typeof e?.status === 'number' ? e.status : null;
    const detail = e?.message ?? String(error);
    if (code !== null && BY_CODE[code]) return new TelephonyError(BY_CODE[code], `Twilio ${code}: ${detail}`, code);
    if (status === 429) return new TelephonyError('rate-limited', `Twilio rate limit: ${detail}`, code);
    if (status === 401) return new TelephonyError('authentication', `Twilio authentication failed: ${detail}`, code);
    if (status !== null && status >= 400 && status < 500) return new TelephonyError('rejected', `Twilio refused the request${code ? ` (${code})` : ''}: ${detail}`, code);
    return new TelephonyError('unavailable', `Twilio unavailable: ${detail}`, code);
  }
}
