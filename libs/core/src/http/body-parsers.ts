import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError, MalformedRequestError } from '../errors/domain-errors';
import { MAX_INPUT_DEPTH } from './input-limits';

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
    case 'entity.too.deep':
      return new MalformedRequestError(`The request body is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    case 'entity.parse.failed':
      return new MalformedRequestError('The request body is not valid JSON');
    default:
      return new MalformedRequestError('The request body could not be read');
  }
}

function translated(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => parser(req, res, (error?: unknown) => next(error ? toDomainError(error as { type?: string }) : undefined));
}

/** Paths whose senders sign the exact bytes (Stripe): the JSON parser keeps them as `req.rawBody`. */
const RAW_BODY_PATHS = ['/stripe/'];

/** Deeper JSON than MAX_INPUT_DEPTH is refused from its bytes, before JSON.parse builds it. */
function jsonDepthExceeds(buffer: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function inspectJson(req: Request & { rawBody?: Buffer }, _res: unknown, buffer: Buffer): void {
  if (jsonDepthExceeds(buffer, MAX_INPUT_DEPTH)) throw Object.assign(new Error('JSON nested too deep'), { type: 'entity.too.deep' });
  if (RAW_BODY_PATHS.some((prefix) => (req.originalUrl ?? req.url).startsWith(prefix))) req.rawBody = buffer;
}

/** JSON for the dashboard (and Stripe, raw bytes kept), urlencoded for Twilio's webhooks. */
export function bodyParsers(): RequestHandler[] {
  return [translated(express.json({ limit: BODY_LIMIT, verify: inspectJson as never })), translated(express.urlencoded({ limit: BODY_LIMIT, extended: false }))];
}
