import type { DataSource } from 'typeorm';
import { TENANT_ROLE } from './database-roles';
import { oneTripTransaction, tenantPrelude } from './one-trip-transaction';
import { inlineParameters, type SqlStatement } from './sql-literal';
import { TenantContext } from './tenant-context';

/**
 * The one statement that writes a tenant's rows, run in a transaction whose app.client_id is already
 * that tenant. A pure function of its arguments: the committer decides how the statement travels.
 */
export type GroupStatement<R> = (clientId: number, rows: R[]) => SqlStatement;

interface Pending<R> {
  clientId: number;
  row: R;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for small, independent tenant writes that arrive concurrently (a webhook's call-log
 * row): every write() made in the same turn of the event loop goes into ONE transaction, sent as ONE
 * simple-protocol message (BEGIN, role, each tenant's app.client_id and statement, COMMIT). So N
 * concurrent webhooks of any number of businesses cost one round trip — one socket write and one read,
 * which on this kind of machine cost more than the statements themselves — instead of N transactions.
 *
 * - Each caller's promise settles only after its row has committed (or definitely failed).
 * - Row-level security still applies to every row: the transaction runs as the tenant role, and
 *   app.client_id is set to each tenant before that tenant's rows are written.
 * - A batch holds at most `maxBatch` rows, and at most `maxInFlight` batches commit at once.
 * - A failing batch is rolled back and each row is retried alone, so one bad row fails only its caller;
 *   writers must therefore be idempotent (a COMMIT whose answer was lost is retried too).
 */
export class GroupCommitter<R> {
  private pending: Array<Pending<R>> = [];
  private scheduled = false;
  private inFlight = 0;

  /**
   * @param maxBatch rows per transaction at most.
   * @param maxInFlight batch transactions at once; rows arriving meanwhile wait for one to finish and
   *   go together in the next (the classic group commit: under load, batches grow instead of queues).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly statement: GroupStatement<R>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 2,
  ) {}

  write(clientId: number, row: R): Promise<void> {
    if (!Number.isSafeInteger(clientId) || clientId <= 0) return Promise.reject(new Error(`Invalid tenant id ${clientId}`));
    // Inside a tenant transaction the caller's work must commit with it (and the embedded database
    // has one session, held by that transaction): a separate batch would break both.
    if (TenantContext.peek()) return Promise.reject(new Error('GroupCommitter.write() called inside a tenant transaction'));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ clientId, row, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after the I/O callbacks of this turn: every request parsed in it joins.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0 && this.inFlight < this.maxInFlight) {
      this.inFlight++;
      void this.commit(this.pending.splice(0, this.maxBatch)).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async commit(batch: Array<Pending<R>>): Promise<void> {
    try {
      await this.inOneTransaction(batch);
      for (const item of batch) item.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // Which row failed is unknown: each one alone, so only the bad one's caller sees the error.
      await Promise.all(batch.map((item) => this.alone(item)));
    }
  }

  private async inOneTransaction(batch: Array<Pending<R>>): Promise<void> {
    const byTenant = new Map<number, R[]>();
    for (const { clientId, row } of batch) byTenant.set(clientId, [...(byTenant.get(clientId) ?? []), row]);
    // The simple protocol carries no parameters, so each statement's are inlined as literals
    // (sqlLiteral); the tenant ids are validated integers. Row-level security checks every row against
    // the app.client_id set just before its statement, exactly as in a transaction of its own.
    const parts = ['BEGIN'];
    for (const [clientId, rows] of byTenant) {
      parts.push(parts.length === 1 ? tenantPrelude(TENANT_ROLE, clientId) : `SELECT set_config('app.client_id', '${clientId}', true)`);
      parts.push(inlineParameters(this.statement(clientId, rows)));
    }
    parts.push('COMMIT');
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(parts.join(';\n'));
    } catch (error) {
      // A failed statement skips the rest of the message, COMMIT included: the transaction is left
      // open and aborted, and must be ended before the connection goes back to the pool.
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async alone(item: Pending<R>): Promise<void> {
    try {
      // Alone, the statement goes with real parameters: its caller gets the database's own error.
      const { sql, params } = this.statement(item.clientId, [item.row]);
      await oneTripTransaction(this.dataSource, tenantPrelude(TENANT_ROLE, item.clientId), (manager) => manager.query(sql, [...params]));
      item.resolve();
    } catch (error) {
      item.reject(error);
    }
  }
}
