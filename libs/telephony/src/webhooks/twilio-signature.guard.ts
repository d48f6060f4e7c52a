import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ForbiddenError } from '@ringlypro/core';
import type { Request } from 'express';
import twilio from 'twilio';

/**
 * Every /voice/* and /sms/* webhook: X-Twilio-Signature must be Twilio's HMAC of the public URL
 * (WEBHOOK_BASE_URL + path and query — what Twilio called, even behind a TLS-terminating proxy)
 * and the POSTed parameters, under our auth token (or the simulator's). Otherwise 403 and nothing
 * is processed. There is deliberately no switch to turn this off.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const signature = req.header('x-twilio-signature');
    if (!signature) throw new ForbiddenError('Missing X-Twilio-Signature');
    const url = `${this.config.webhookBaseUrl}${req.originalUrl}`;
    const params = req.is('application/x-www-form-urlencoded') && req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};
    if (!twilio.validateRequest(this.config.webhookSigningToken, signature, url, params)) throw new ForbiddenError('Invalid X-Twilio-Signature');
    return true;
  }
}
