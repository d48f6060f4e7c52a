import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { LOGGER, type Logger } from '../logging/logger';
import { redactDeep, redactText, redactUrl } from '../logging/redaction';
import { ErrorLog } from './error-log.entity';

export interface ErrorReport {
  error: unknown;
  source: ErrorLog['source'];
  method?: string;
  path?: string;
  statusCode?: number;
  context?: Record<string, unknown>;
}

/**
 * Records unexpected errors in the log stream and in error_logs (the seed: "log errors to database").
 * error_logs is platform-owned: it is written whatever tenant is in context, and a failure to write
 * it is logged, never thrown, so reporting an error can never cause another.
 */
@Injectable()
export class ErrorLogService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(report: ErrorReport): Promise<void> {
    const ctx = RequestContext.current();
    const err = report.error instanceof Error ? report.error : new Error(String(report.error));
    this.logger.error(
      { err, source: report.source, method: report.method, path: report.path && redactUrl(report.path), status: report.statusCode, ...(redactDeep(report.context ?? {}) as object) },
      redactText(err.message),
    );
    try {
      const repository = this.dataSource.getRepository(ErrorLog);
      await repository.save(repository.create({
        client_id: ctx?.clientId ?? null,
        request_id: ctx?.requestId ?? null,
        source: report.source,
        method: report.method ?? null,
        // Rows are read by support staff: no personal data, hashes or credentials from the error text.
        path: report.path ? redactUrl(report.path).slice(0, 2048) : null,
        status_code: report.statusCode ?? null,
        error_name: err.name.slice(0, 255),
        message: redactText(err.message || '(no message)'),
        stack: err.stack ? redactText(err.stack) : null,
        context: report.context ? (redactDeep(report.context) as Record<string, unknown>) : null,
      }));
    } catch (writeError) {
      this.logger.error({ err: writeError }, 'could not write error_logs row');
    }
  }
}
