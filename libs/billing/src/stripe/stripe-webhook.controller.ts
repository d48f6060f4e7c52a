import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, ApiErrors, ApiSuccess, type AppConfig, InvalidInputError, LOGGER, type Logger, MalformedRequestError, NotFoundError, TenantDatabase } from '@ringlypro/core';
import { CrossTenant, Public } from '@ringlypro/tenancy';
import type { Request } from 'express';
import type Stripe from 'stripe';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { cents } from '../money/money';
import { STRIPE_CLIENT } from './stripe-client';

/** The OpenAPI tag of the webhook Stripe calls (declared beside the other tags, before Twilio's). */
export const STRIPE_WEBHOOK_TAG = 'Stripe webhooks';

/** Events that mean a Checkout was paid; async methods (bank debits) complete with the second one. */
const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

type WebhookResult = { received: true; handled: boolean; credited?: boolean };

/**
 * Stripe's webhook. The signature is verified by the SDK over the exact bytes Stripe sent (the JSON
 * parser keeps them for this path), so a forged or altered event is refused with 400 and changes
 * nothing. A paid Checkout credits the amount Stripe collected, keyed by the session id: a replayed
 * event, a second event type for the same session or a concurrent retry credits nothing more.
 */
@ApiTags(STRIPE_WEBHOOK_TAG)
@Controller('stripe')
export class StripeWebhookController {
  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly db: TenantDatabase,
    private readonly ledger: CreditLedger,
  ) {}

  @Post('webhook')
  @Public()
  @CrossTenant()
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe events: a paid Checkout credits the balance once per session; other events are acknowledged and ignored' })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Set by Stripe; verified with STRIPE_WEBHOOK_SECRET' })
  @ApiSuccess({ success: true, received: true, handled: true, credited: true }, { description: 'Acknowledged; handled says whether it was a paid Checkout of ours, credited whether this event added the credit (false for a replay)' })
  @ApiErrors(
    [400, 'Missing or invalid Stripe-Signature, or a body that is not the JSON Stripe signed'],
    // 404, not 503: with no secret nothing here can verify a sender, so for the caller the endpoint does not
    // exist (and an anonymous request must never produce a 5xx).
    [404, 'Stripe webhooks are not configured on this server'],
    429,
  )
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookResult> {
    const secret = this.config.stripe?.webhookSecret;
    if (!this.stripe || !secret) throw new NotFoundError('Stripe webhooks are not configured on this server');
    if (!req.rawBody) throw new MalformedRequestError('The webhook body must be the JSON Stripe sent, as application/json');
    if (!signature) throw new InvalidInputError([{ field: 'Stripe-Signature', message: 'the Stripe-Signature header is required' }]);
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(req.rawBody, signature, secret);
    } catch {
      throw new InvalidInputError([{ field: 'Stripe-Signature', message: 'the signature does not match the body (or is too old)' }]);
    }
    if (!PAID_EVENTS.has(event.type)) return { received: true, handled: false };
    return this.creditPaidSession(event.id, event.data.object as Stripe.Checkout.Session);
  }

  private async creditPaidSession(eventId: string, session: Stripe.Checkout.Session): Promise<WebhookResult> {
    const clientId = Number(session.metadata?.client_id ?? session.client_reference_id);
    const paid = session.amount_total;
    if (session.payment_status !== 'paid' || !Number.isSafeInteger(clientId) || clientId <= 0 || !Number.isSafeInteger(paid) || (paid ?? 0) <= 0) {
      this.logger.info({ event: eventId, session: session.id, payment_status: session.payment_status }, 'Stripe checkout not credited (unpaid or not ours)');
      return { received: true, handled: false };
    }
    try {
      const result = await this.db.run(clientId, () =>
        this.ledger.credit({ reference: session.id, amount: cents(paid!), usageType: 'credit_purchase', source: 'stripe', reason: `Stripe Checkout (event ${eventId})` }),
      );
      return { received: true, handled: true, credited: result.outcome === 'recorded' };
    } catch (error) {
      // A session naming a business that does not exist: acknowledge, so Stripe stops retrying, and log it.
      if (!(error instanceof NotFoundError)) throw error;
      this.logger.warn({ event: eventId, session: session.id, client_id: clientId }, 'Stripe checkout for an unknown client');
      return { received: true, handled: false };
    }
  }
}
