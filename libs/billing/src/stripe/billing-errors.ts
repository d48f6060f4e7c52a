import { DomainError } from '@ringlypro/core';

/** A feature whose outside service is not configured on this deployment (Stripe without keys). */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'service_unavailable';
}
