import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError, MalformedRequestError } from '../errors/domain-errors';

/** 100 kB is far above any dashboard payload or Twilio webhook, and bounds what a client can make us parse. */
const BODY_LIMIT = '100kb';

class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

class UnsupportedCharsetError extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

/** body-parser's own messages quote the input or name its internals; ours say what to fix. */
function toDomainError(error: { type?: string }): DomainError {
  switch (error.type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(`The request body is larger than ${BODY_LIMIT}`);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedCharsetError('The request body must be UTF-8');
    case 'entity.parse.failed':
      return new MalformedRequestError('The request body is not valid JSON');
    default:
      return new MalformedRequestError('The request body could not be read');
  }
}

function translated(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => parser(req, res, (error?: unknown) => next(error ? toDomainError(error as { type?: string }) : undefined));
}

/** JSON for the dashboard, urlencoded for Twilio's webhooks. */
export function bodyParsers(): RequestHandler[] {
  return [translated(express.json({ limit: BODY_LIMIT })), translated(express.urlencoded({ limit: BODY_LIMIT, extended: false }))];
}
