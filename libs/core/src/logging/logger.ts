import pino, { type Logger } from 'pino';
import { RequestContext } from '../context/request-context';
import { redactingErrorSerializer } from './redaction';

/**
 * The process's one pino logger: JSON lines on stdout, each stamped with the current request id and
 * client id when there is one, so a support question quoting a request id finds every line of it.
 *
 * stdout is written asynchronously: a synchronous write per access-log line blocks the event loop
 * on a slow pipe (a log shipper falling behind) and shows up in every webhook's tail latency. pino
 * flushes what is buffered when the process exits, crashes included (an 'exit' handler); only a
 * SIGKILL can lose the last lines.
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
  }, destination ?? pino.destination({ dest: 1, sync: false }));
}

export const LOGGER = Symbol('LOGGER');
export type { Logger };
