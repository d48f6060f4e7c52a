import pino, { type Logger } from 'pino';
import { RequestContext } from '../context/request-context';
import { redactingErrorSerializer } from './redaction';

/**
 * The process's one pino logger: JSON lines on stdout, each stamped with the current request id and
 * client id when there is one, so a support question quoting a request id finds every line of it.
 *
 * stdout is pino's default destination, which is already asynchronous (SonicBoom, sync: false): a
 * log line never blocks a webhook on a slow pipe, and pino flushes what is buffered at exit. Known
 * limit, reproduced by hand: if the process dies of an uncaught exception while a write
 * is in flight, that one chunk can land after the lines flushed at exit, or be lost.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { service: 'ringlypro' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const ctx = RequestContext.current();
      return ctx ? { request_id: ctx.requestId, client_id: ctx.clientId } : {};
    },
    // Errors are serialized without SQL parameters and with emails, phones, hashes and tokens masked.
    serializers: { err: redactingErrorSerializer },
    redact: { paths: ['*.password', '*.password_hash', '*.token', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  }, destination);
}

export const LOGGER = Symbol('LOGGER');
export type { Logger };
