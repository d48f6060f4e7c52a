import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { LOGGER, type Logger } from '../logging/logger';
import { redactDeep, redactText, redactUrl } from '../logging/redaction';
import { TenantContext } from '../tenancy/tenant-context';
import { TenantDatabase } from '../tenancy/tenant-database.service';
import { errorFingerprint } from './error-fingerprint';
import type { ErrorLog } from './error-log.entity';

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
 * error_logs is platform-owned: written on the named platform path whatever tenant is in context
 * (inside an open tenant transaction, through it, as that tenant's row). Identical errors within a
 * minute share one row and raise its `occurrences`, so a client replaying a failing request cannot
 * flood the table. A failure to write it is logged, never thrown: reporting an error never causes another.
 */
@Injectable()
export class ErrorLogService {
  constructor(
    private readonly db: TenantDatabase,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(report: ErrorReport): Promise<void> {
    const ctx = RequestContext.current();
    const err = report.error instanceof Error ? report.error : new Error(String(report.error));
    this.logger.error(
      { err, source: report.source, method: report.method, path: report.path && redactUrl(report.path), status: report.statusCode, ...(redactDeep(report.context ?? {}) as object) },
      redactText(err.message),
    );
    const open = TenantContext.peek();
    const clientId = open?.clientId ?? ctx?.clientId ?? null;
    // Rows are read by support staff: no personal data, hashes or credentials from the error text.
    const message = redactText(err.message || '(no message)');
    const path = report.path ? redactUrl(report.path).slice(0, 2048) : null;
    const errorName = err.name.slice(0, 255);
    const write = (manager: EntityManager) =>
      manager.query(
        `INSERT INTO error_logs (client_id, request_id, source, method, path, status_code, error_name, message, stack, context, fingerprint, window_start)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, date_trunc('minute', NOW()))
         ON CONFLICT (fingerprint, window_start) DO UPDATE SET occurrences = error_logs.occurrences + 1, last_seen_at = NOW()`,
        [
          clientId,
          ctx?.requestId ?? null,
          report.source,
          report.method ?? null,
          path,
          report.statusCode ?? null,
          errorName,
          message,
          err.stack ? redactText(err.stack) : null,
          report.context ? JSON.stringify(redactDeep(report.context)) : null,
          errorFingerprint({ clientId, source: report.source, method: report.method, path: path ?? undefined, errorName, message }),
        ],
      );
    try {
      await (open ? write(open.manager) : this.db.platform('error-log', write));
    } catch (writeError) {
      this.logger.error({ err: writeError }, 'could not write error_logs row');
    }
  }
}
