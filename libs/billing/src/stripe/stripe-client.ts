import type { AppConfig } from '@ringlypro/core';
import Stripe from 'stripe';

export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

/**
 * The official Stripe SDK, or null when STRIPE_SECRET_KEY is unset (reloads then answer 503). With
 * STRIPE_API_BASE_URL the SDK's own host/port/protocol options send every request elsewhere — the
 * fake Stripe of the tests — so the real SDK and its wire format are what the tests exercise.
 */
export function createStripeClient(config: AppConfig): Stripe | null {
  if (!config.stripe) return null;
  const options: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 15_000, appInfo: { name: 'RinglyPro' } };
  if (config.stripe.apiBaseUrl) {
    const url = new URL(config.stripe.apiBaseUrl);
    options.host = url.hostname;
    options.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    options.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(config.stripe.secretKey, options);
}
