import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RequestContext } from '../context/request-context';
import { LOGGER, type Logger } from '../logging/logger';
import { redactUrl } from '../logging/redaction';
import { mapDatabaseError } from './database-error-mapping';
import { DomainError, type FieldError, TooManyRequestsError } from './domain-errors';
import { ErrorLogService } from './error-log.service';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  502: 'upstream_failed',
  503: 'service_unavailable',
};

interface ErrorBody {
  code: string;
  message: string;
  fields?: FieldError[];
  details?: unknown;
}

/**
 * The one place an error becomes an HTTP response: `{ success: false, error: { code, message, fields? },
 * request_id }`. Errors meant for users keep their message; anything unexpected becomes a 500 with a
 * generic message, and its details go to the log and error_logs only.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly errorLog: ErrorLogService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType() !== 'http') throw exception;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(exception);
    if (status >= 500 && status !== 502 && status !== 503) {
      await this.errorLog.record({ error: exception, source: 'http', method: req.method, path: redactUrl(req.originalUrl), statusCode: status });
    } else {
      this.logger.info({ status, code: body.code, method: req.method, path: redactUrl(req.originalUrl) }, body.message);
    }
    if (res.headersSent) return;
    if (exception instanceof TooManyRequestsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    res.status(status).json({ success: false, error: body, request_id: RequestContext.current()?.requestId ?? null });
  }

  private describe(exception: unknown): [number, ErrorBody] {
    const mapped = exception instanceof DomainError ? exception : mapDatabaseError(exception);
    if (mapped) return [mapped.status, { code: mapped.code, message: mapped.message, fields: mapped.fields }];
    if (exception instanceof HttpException) return this.describeHttpException(exception);
    return [500, { code: 'internal_error', message: 'An unexpected error occurred. Quote the request_id when contacting support.' }];
  }

  private describeHttpException(exception: HttpException): [number, ErrorBody] {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status >= 500 && status !== 503) {
      return [status, { code: 'internal_error', message: 'An unexpected error occurred. Quote the request_id when contacting support.' }];
    }
    const code = CODE_BY_STATUS[status] ?? 'client_error';
    if (typeof response === 'string') return [status, { code, message: response }];
    const body = response as { message?: unknown; details?: unknown; error?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : exception.message;
    return [status, { code, message, ...(body.details ? { details: body.details } : {}) }];
  }
}
