import { type DomainError, ForbiddenError, InvalidInputError, nanpRegionOf, TooManyRequestsError, UnprocessableError } from '@ringlypro/core';

/** Why the platform will not send a text, in words for the business owner. */
export type SmsRefusal =
  | { kind: 'deactivated'; message: string }
  | { kind: 'blank-body'; message: string }
  | { kind: 'own-number'; message: string }
  | { kind: 'destination'; message: string }
  | { kind: 'rate'; message: string }
  | { kind: 'daily-cap'; message: string }
  | { kind: 'confirmation-cap'; message: string };

/**
 * Whether the platform pays to text `to`: a geographic number of an allowed +1 country, or a
 * toll-free number when the US or Canada is allowed (toll-free numbers take texts, and texting one
 * earns its owner nothing, so it is no pumping target). Premium-rate, non-geographic and every
 * number outside +1 are refused.
 */
export function destinationRefusal(to: string, allowedCountries: readonly string[]): SmsRefusal | null {
  const region = nanpRegionOf(to);
  const refuse = (why: string): SmsRefusal => ({ kind: 'destination', message: `Texts to ${to} are not allowed: ${why}` });
  switch (region.kind) {
    case 'not-nanp':
      return refuse('only US and Canadian (+1) numbers can be texted');
    case 'premium-rate':
      return refuse(`it is a premium-rate number (${region.why})`);
    case 'non-geographic':
      return refuse('its area code is not a geographic one');
    case 'toll-free':
      return allowedCountries.includes('US') || allowedCountries.includes('CA') ? null : refuse('toll-free numbers are not among the allowed destinations');
    case 'geographic':
      return allowedCountries.includes(region.country) ? null : refuse(`it is a number in ${region.country}, and texts go only to ${allowedCountries.join(', ')}`);
  }
}

/** A blank body carries nothing and costs the same. */
export function isBlank(body: string): boolean {
  return body.trim().length === 0;
}

/** The API's answer to a refusal: who can fix it decides the status. */
export function refusalAsHttpError(refusal: SmsRefusal): DomainError {
  switch (refusal.kind) {
    case 'deactivated':
      return new ForbiddenError(refusal.message);
    case 'blank-body':
      return new InvalidInputError([{ field: 'body', message: refusal.message }]);
    case 'own-number':
    case 'destination':
      return new UnprocessableError(refusal.message, [{ field: 'to', message: refusal.message }]);
    case 'rate':
    case 'daily-cap':
      return new TooManyRequestsError(refusal.message);
    case 'confirmation-cap':
      return new UnprocessableError(refusal.message, [{ field: 'appointment_id', message: refusal.message }]);
  }
}
