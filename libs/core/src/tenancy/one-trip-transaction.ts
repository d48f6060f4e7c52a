import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * What startTransaction() sets on a query runner. TypeORM declares both read-only/protected; opening
 * the transaction by hand must set them as startTransaction would, or commit/savepoints misbehave.
 */
type TransactionState = { isTransactionActive: boolean; transactionDepth: number };

function markTransaction(runner: QueryRunner, open: boolean): void {
  const state = runner as unknown as TransactionState;
  state.isTransactionActive = open;
  state.transactionDepth = open ? 1 : 0;
}

/**
 * Opens a transaction on `runner` with `prelude` (SET LOCAL ROLE, set_config, …) in the same
 * simple-protocol message as its BEGIN: one round trip where TypeORM's startTransaction plus one query
 * per prelude statement took three or four. The runner then behaves exactly as after
 * startTransaction(): a nested manager.transaction() takes a SAVEPOINT, commit/rollback end it.
 *
 * `prelude` is sent as literal SQL (the simple protocol takes no parameters): callers build it only
 * from constants and validated integers, never from input text.
 */
export async function beginWithPrelude(runner: QueryRunner, prelude: string): Promise<void> {
  markTransaction(runner, true);
  try {
    await runner.query(`BEGIN; ${prelude}`);
  } catch (error) {
    // BEGIN may have gone through before a prelude statement failed: the session must not stay in it.
    await runner.query('ROLLBACK').catch(() => undefined);
    markTransaction(runner, false);
    throw error;
  }
}

/**
 * dataSource.transaction(fn) with a one-round-trip prelude: BEGIN + prelude, fn, COMMIT (or ROLLBACK
 * when fn throws), on a connection of its own that goes back to the pool either way.
 */
export async function oneTripTransaction<T>(dataSource: DataSource, prelude: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    await beginWithPrelude(runner, prelude);
    try {
      const result = await fn(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // The original error is what the caller needs; a failed rollback (lost connection) says less.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** SET LOCAL ROLE + app.client_id for a tenant transaction; the id must already be a validated positive integer. */
export function tenantPrelude(role: string, clientId: number): string {
  if (!Number.isSafeInteger(clientId) || clientId <= 0) throw new Error(`Invalid tenant id ${clientId}`);
  return `SET LOCAL ROLE ${role}; SELECT set_config('app.client_id', '${clientId}', true)`;
}
