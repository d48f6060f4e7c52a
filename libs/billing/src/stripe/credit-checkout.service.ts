import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, LOGGER, type Logger, UpstreamError } from '@ringlypro/core';
import type Stripe from 'stripe';
import { ServiceUnavailableError } from './billing-errors';
import { STRIPE_CLIENT } from './stripe-client';

/**
 * Starts a Stripe Checkout for a credit pack. The business is named in the session's metadata and
 * client_reference_id; the webhook credits the amount Stripe says was paid, once per session.
 * No database work happens here, so no transaction is held open while Stripe answers.
 */
@Injectable()
export class CreditCheckout {
  constructor(
    @Inject(STRIPE_CLIENT) private readonly stripe: Stripe | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(clientId: number, dollars: number): Promise<{ checkout_url: string; session_id: string }> {
    if (!this.stripe) throw new ServiceUnavailableError('Credit reloads are not available: Stripe is not configured on this server');
    const cents = dollars * 100;
    let session: Stripe.Checkout.Session;
    try {
      session = await this.stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: cents, product_data: { name: `RinglyPro credit $${dollars}` } } }],
        client_reference_id: String(clientId),
        metadata: { client_id: String(clientId), credit_cents: String(cents) },
        success_url: `${this.config.baseUrl}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${this.config.baseUrl}/billing?checkout=cancelled`,
      });
    } catch (err) {
      this.logger.warn({ err, client_id: clientId }, 'Stripe refused to create a checkout session');
      throw new UpstreamError('The payment provider could not start a checkout; nothing was charged. Try again shortly.');
    }
    if (!session.url) throw new UpstreamError('The payment provider returned no checkout page; nothing was charged.');
    return { checkout_url: session.url, session_id: session.id };
  }
}
