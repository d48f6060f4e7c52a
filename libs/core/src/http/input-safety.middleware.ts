import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError, MalformedRequestError } from '../errors/domain-errors';
import { MAX_INPUT_DEPTH } from './input-limits';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why Postgres (22021) or a URI encoder (URIError) would choke on this string, or null. */
function badCharacters(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone surrogate)';
  return null;
}

/**
 * Paths whose parameters are signed by their sender (Twilio) and answered with TwiML while a caller or
 * texter waits: their guard checks the signature over the parameters as sent and then makes the text
 * safe (`toSafeText`), so refusing them here would answer Twilio with a JSON 400 mid-call.
 */
const SIGNED_WEBHOOK_PREFIXES = ['/voice/', '/sms/'];

/** The same text with NUL bytes and lone surrogates replaced by U+FFFD, so Postgres can store it. */
export function toSafeText(value: string): string {
  return value.replace(/\u0000/g, '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** Field paths as the API names them (`items.0.name`), with unprintable key characters replaced. */
function fieldName(path: string[]): string {
  return path.map((p) => p.replace(/[\u0000-\u001f\uD800-\uDFFF]/g, '\uFFFD')).join('.');
}

/**
 * Walks a parsed body or query without recursion (so its own depth is no risk) and returns the first
 * problem: a value nested deeper than MAX_INPUT_DEPTH, or a string or key with NUL or a lone surrogate.
 */
export function findUnsafeInput(root: unknown, rootName: string): { field: string; message: string } | 'too-deep' | null {
  const stack: Array<{ value: unknown; path: string[]; depth: number }> = [{ value: root, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = badCharacters(value);
      const field = path.length > 0 ? fieldName(path) : rootName;
      if (problem) return { field, message: `${field} ${problem}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return 'too-deep';
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = badCharacters(key);
      if (keyProblem) return { field: fieldName([...path, key]), message: `field names ${keyProblem}` };
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * One rule for every route, before any validator, service or SQL sees the input: the path, the
 * query and the body contain no NUL bytes or lone surrogates (400 naming the field), and the body is
 * not nested deeper than MAX_INPUT_DEPTH levels (400). Fixes the class, not each DTO.
 */
export function inputSafetyMiddleware(req: Request, _res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return next(new MalformedRequestError('The request path is not valid percent-encoded UTF-8'));
  }
  const pathProblem = badCharacters(path);
  if (pathProblem) return next(new MalformedRequestError(`The request path ${pathProblem}`));
  if (SIGNED_WEBHOOK_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
  for (const [source, value] of [
    ['query', req.query],
    ['body', req.body],
  ] as const) {
    const problem = findUnsafeInput(value, source);
    if (problem === 'too-deep') return next(new MalformedRequestError(`The request ${source} is nested more than ${MAX_INPUT_DEPTH} levels deep`));
    if (problem) return next(new InvalidInputError([problem]));
  }
  next();
}
