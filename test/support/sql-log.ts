import type { DataSource, Logger } from 'typeorm';

/** One statement TypeORM sent, and the query runner (connection) it went on. */
export interface SentStatement {
  sql: string;
  runner: unknown;
}

/** Every statement the data source sends while `fn` runs, in order (its logger is swapped for the time). */
export async function statementsSent(dataSource: DataSource, fn: () => Promise<unknown>): Promise<SentStatement[]> {
  const seen: SentStatement[] = [];
  const original = dataSource.logger;
  const counting = Object.assign(Object.create(Object.getPrototypeOf(original) as object) as Logger, original, {
    logQuery: (sql: string, _parameters?: unknown[], runner?: unknown) => void seen.push({ sql, runner }),
  });
  (dataSource as unknown as { logger: Logger }).logger = counting;
  try {
    await fn();
  } finally {
    (dataSource as unknown as { logger: Logger }).logger = original;
  }
  return seen;
}
