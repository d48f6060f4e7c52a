import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiErrors } from '@ringlypro/core';

export const RATE_COST = 'ringlypro:rate-cost';
export const RATE_SIGN_UP = 'ringlypro:rate-sign-up';
export const RATE_WEBHOOK = 'ringlypro:rate-webhook';
export const RATE_EXEMPT = 'ringlypro:rate-exempt';

/**
 * Route costs against the per-client / per-address budget (a plain request costs 1). Named here so
 * the relative price of each expensive route is visible in one place.
 */
export const RouteCost = {
  /** Walks every candidate slot of a date range against the rules and the day's bookings. */
  availability: 10,
  /** ILIKE over name, phone and email. */
  search: 3,
  /** One bcrypt comparison (~250 ms of a core). */
  login: 5,
  /** One bcrypt hash, four inserts and a phone number bought. */
  signUp: 10,
} as const;

/** The 429 these routes answer, in the shared error envelope like every other error. */
const TOO_MANY = ApiErrors([429, 'Rate limit exceeded; the Retry-After header says how many seconds to wait']);

/** This route costs `cost` requests of the caller's budget. */
export const RateCost = (cost: number) => applyDecorators(SetMetadata(RATE_COST, cost), TOO_MANY);

/** Registration: also limited per address per hour (each sign-up buys a phone number). */
export const SignUpRateLimit = () => applyDecorators(SetMetadata(RATE_SIGN_UP, true), SetMetadata(RATE_COST, RouteCost.signUp), TOO_MANY);

/** A Twilio webhook: bounded by one platform-wide budget, never per tenant or per address. */
export const WebhookRateLimit = () => SetMetadata(RATE_WEBHOOK, true);

/** Liveness and readiness probes: a load balancer polling them must never see a 429. */
export const RateLimitExempt = () => SetMetadata(RATE_EXEMPT, true);
