import type { AfterQueryEvent, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/** A statement that may change a clients row (raw SQL or TypeORM's, quoted or not). */
const WRITES_CLIENTS = /^\s*(UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?(ONLY\s+)?("?public"?\.)?"?clients"?[\s(]/i;

/**
 * Read-your-writes for this process's caches of clients rows. NOTIFY reaches every replica, but on Postgres it
 * arrives on the listening connection a moment after the writer's COMMIT returns — long enough for
 * this process to answer a webhook from the old entry. So a write to `clients` made through this
 * process's DataSource also drops the cache itself, as soon as it has committed: before the API call
 * that made it has answered.
 */
export class ClientWriteWatcher implements EntitySubscriberInterface {
  private readonly dirty = new WeakSet<QueryRunner>();

  constructor(private readonly committed: () => void) {}

  /** True while `runner`'s open transaction has changed a clients row it has not committed yet. */
  hasPendingWrite(runner: QueryRunner | undefined): boolean {
    return runner !== undefined && this.dirty.has(runner);
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (!event.success || !WRITES_CLIENTS.test(event.query)) return;
    if (event.queryRunner.isTransactionActive) this.dirty.add(event.queryRunner);
    else this.committed();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // Nested savepoints commit too; the cache drops only once the outermost transaction has.
    if (event.queryRunner.isTransactionActive || !this.dirty.has(event.queryRunner)) return;
    this.dirty.delete(event.queryRunner);
    this.committed();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.dirty.delete(event.queryRunner);
  }
}
