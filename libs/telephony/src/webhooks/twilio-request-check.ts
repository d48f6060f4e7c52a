import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ForbiddenError, MalformedRequestError, toSafeText, UnsupportedMediaTypeError } from '@ringlypro/core';
import { WebhookBudget } from '@ringlypro/tenancy';
import type { Request } from 'express';
import { isTwilioSignature } from './twilio-signature';

/**
 * What every /voice/* and /sms/* webhook request must pass before its handler runs: X-Twilio-Signature
 * must be Twilio's HMAC of the public URL (WEBHOOK_BASE_URL + path and query — what Twilio called,
 * even behind a TLS-terminating proxy) and the POSTed parameters, under our auth token (or the
 * simulator's). Otherwise 403 and nothing is processed. There is deliberately no switch to turn this off.
 *
 * Before the signature: the body must be form-encoded, as Twilio sends it (415 otherwise: a JSON
 * body is not covered by the signature, which then spans the URL alone), and no parameter may come
 * twice (400: Twilio never repeats one, and a repeated one is read differently by the signature
 * check and by the handler). The global input-safety middleware leaves these parameters to this check.
 */
@Injectable()
export class TwilioRequestCheck {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly budget: WebhookBudget,
  ) {}

  async verify(req: Request): Promise<void> {
    if (!req.is('application/x-www-form-urlencoded')) throw new UnsupportedMediaTypeError('Twilio webhooks must be sent as application/x-www-form-urlencoded');
    for (const [source, values] of [
      ['body', req.body],
      ['query', req.query],
    ] as const) {
      const repeated = Object.entries((values ?? {}) as Record<string, unknown>).find(([, value]) => Array.isArray(value));
      if (repeated) throw new MalformedRequestError(`The ${source} parameter ${repeated[0]} was sent more than once`);
    }
    const signature = req.header('x-twilio-signature');
    if (!signature) throw new ForbiddenError('Missing X-Twilio-Signature');
    const url = `${this.config.webhookBaseUrl}${req.originalUrl}`;
    const params = req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};
    if (!isTwilioSignature(this.config.webhookSigningToken, signature, url, params)) throw new ForbiddenError('Invalid X-Twilio-Signature');
    // Signed, so genuinely Twilio's — but SpeechResult and Body carry what a caller said or typed. NUL
    // bytes and lone surrogates become U+FFFD here, after the check, so nothing downstream can choke on them.
    for (const [key, value] of Object.entries(params)) if (typeof value === 'string') params[key] = toSafeText(value);
    // Only now, proven to be Twilio's, does the request spend the platform-wide webhook budget.
    await this.budget.consume();
  }
}
