/** One bad input field, named as the client sent it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error whose message is written for the API's user. The exception filter shows these as they
 * are; every other error is logged and replaced by a generic 500.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly fields?: FieldError[];

  constructor(message: string, fields?: FieldError[]) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly code = 'validation_failed';
  constructor(fields: FieldError[], message = `Invalid input: ${fields.map((f) => f.field).join(', ')}`) {
    super(message, fields);
  }
}

/** The request itself could not be read (malformed JSON, a bad encoding): there are no fields to name. */
export class MalformedRequestError extends DomainError {
  readonly status = 400;
  readonly code = 'bad_request';
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(message: string, field?: string) {
    super(message, field ? [{ field, message }] : undefined);
  }
}

/** Well-formed input the business rules refuse (outside business hours, a past time, …). */
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly code = 'unprocessable';
}

/** The body is in a format this endpoint does not take (a JSON body on a Twilio webhook). */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly code = 'too_many_requests';
  /** Seconds until a retry can succeed; sent as the Retry-After header. */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 60) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** An outside service (Twilio, ElevenLabs, Stripe) failed; nothing of ours was changed. */
export class UpstreamError extends DomainError {
  readonly status = 502;
  readonly code = 'upstream_failed';
}
