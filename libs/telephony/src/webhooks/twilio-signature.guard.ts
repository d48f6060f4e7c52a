import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TwilioRequestCheck } from './twilio-request-check';

/**
 * The Twilio request check (signature, form encoding, no repeated parameter, the webhook budget) as
 * the guard of every @TwilioWebhook route. The TwilioWebhookLane normally answers those routes before
 * Nest's router sees them and runs the same check; this guard keeps the route safe wherever the lane
 * is not mounted (an app assembled without configureApiApp).
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(private readonly check: TwilioRequestCheck) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.check.verify(context.switchToHttp().getRequest<Request>());
    return true;
  }
}
