import { AsyncResource } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { TENANT_ROLE } from './database-roles';
import { sharedStatementRefusal } from './shared-statement-refusal';
import { forgetSessionStatements, statementParts } from './session-statements';
import { sqlLiteral } from './sql-literal';
import { TenantContext, type TenantScope } from './tenant-context';

/** What node-postgres answers for one statement; TypeORM's query runner shapes its results from it. */
interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: unknown[];
}

/** The pooled node-postgres connection a shared transaction sends its messages on. */
interface RawConnection {
  query(text: string): Promise<StatementResult | StatementResult[]>;
}

/** One tenant's unit of work riding in a shared transaction. */
interface Rider {
  clientId: number;
  fn: (manager: EntityManager) => Promise<unknown>;
  runner: QueryRunner;
  afterCommit: TenantScope['afterCommit'];
  /** The async context the unit joined from (its request's, no tenant scope): where its ending runs. */
  caller: AsyncResource;
  /** Settles once the unit is over here: committed, or rolled back and run alone. */
  over: Promise<void>;
  ended(): void;
  settled: boolean;
  failed: boolean;
  result?: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Queued {
  rider: Rider;
  text: string;
  /** The statement's parameters, written as SQL literals. */
  literals: string[];
  resolve(result: StatementResult): void;
  reject(error: unknown): void;
}

/**
 * How long a shared statement may wait for a lock before the shared attempt gives up and every unit
 * runs alone: a unit waiting on its own business's lock must not hold up the other businesses.
 */
const SHARED_LOCK_TIMEOUT = '250ms';

/**
 * The prelude of a shared transaction: its role, its lock timeout, and generic plans for the
 * statements its sessions prepare. Under the default (auto), Postgres plans the first five executions
 * of a prepared statement for their values and then keeps doing so for good whenever it estimates the
 * generic plan dearer than those — as it did for the greeting's admission (a CTE under row-level
 * security), planned afresh on every call at 0.12 ms, more than it took to run. Every shared statement
 * finds its rows by the tenant's client_id and a key, which a generic plan serves as well; ANALYZE
 * still replans them when the statistics change. At 50 connections this halved Postgres's CPU per
 * greeting (0.49 → 0.23 ms) and took greetings from 1,385 to 2,001 per second.
 */
const SHARED_PRELUDE = ['BEGIN', `SET LOCAL ROLE ${TENANT_ROLE}`, `SET LOCAL lock_timeout = '${SHARED_LOCK_TIMEOUT}'`, 'SET LOCAL plan_cache_mode = force_generic_plan'];

/** Thrown into a rider's pending statements once its shared transaction has failed; the rider runs again alone. */
export class SharedTransactionAborted extends Error {
  constructor() {
    super('The shared transaction was rolled back; the work runs again in a transaction of its own');
    this.name = 'SharedTransactionAborted';
  }
}

/**
 * One database transaction shared by the concurrent units of work of several tenants (one unit per
 * tenant), in lockstep: every statement the units have ready in a turn of the event loop travels in ONE
 * simple-protocol message, each behind a set_config of its own tenant, and the transaction commits once
 * every unit has finished. On a machine where a socket write or read costs more than the statement
 * (as here), N webhooks then cost about as many round trips as one.
 *
 * Why it is safe:
 * - Row-level security sees each statement under its own tenant: app.client_id is set right before it.
 * - One unit per tenant, so a business's units never interleave: whatever reads-then-writes a unit
 *   does under its account lock happens exactly as in a transaction of its own. Different tenants
 *   touch different rows (row-level security guarantees it), so their interleaving is invisible.
 * - A tenant is in at most one unfinished shared transaction (TenantDatabase.runShared waits for it to
 *   end): two shared transactions holding locks of the same two tenants in opposite orders would
 *   deadlock, and Postgres only finds a deadlock after deadlock_timeout (a second).
 * - All or nothing: if any statement or any unit fails, the whole transaction is rolled back and EVERY
 *   unit runs again alone in a transaction of its own, where it succeeds or fails as it always did.
 *   Units must therefore be re-runnable: their effects outside the database go through afterCommit
 *   (the queue does), which only runs once the transaction that carried them has committed.
 * - A unit cannot control the transaction, change a setting for the statements after it or send two
 *   statements in one text (sharedStatementRefusal): such a statement fails the shared attempt, and
 *   the unit runs alone instead. Nested manager.transaction() calls therefore work, just not shared.
 *   A message whose results do not match its statements one for one fails the attempt too.
 * - A statement waits at most SHARED_LOCK_TIMEOUT for a lock (its own business's, held by a
 *   transaction outside): then the attempt fails and every unit runs alone, so no business waits on
 *   another's lock for longer than that. Units do no network I/O but the database's.
 * - Each unit's ending (commit event, after-commit work, run alone) happens in the async context it
 *   joined from, never in the tenant scope of whichever unit's message ended the transaction.
 */
export class SharedTransaction {
  private readonly riders = new Map<number, Rider>();
  private queue: Queued[] = [];
  private connection: Promise<{ raw: RawConnection; runner: QueryRunner }> | null = null;
  private begun = false;
  /** True once a message was built with this session's prepared statements: a failure leaves them unknown. */
  private usedPrepared = false;
  private sending = false;
  private scheduled = false;
  private aborted: unknown = null;
  private finished = false;
  /** True once the first message left: no unit joins a transaction that has already begun. */
  closed = false;
  /** The context the transaction's own messages are sent from: the first unit's caller, never a tenant scope. */
  private readonly home = new AsyncResource('SharedTransaction');

  constructor(
    private readonly dataSource: DataSource,
    /** TenantDatabase.run; `committed` is called once its transaction has committed, before its after-commit work. */
    private readonly runAlone: (clientId: number, fn: (manager: EntityManager) => Promise<unknown>, committed: () => void) => Promise<unknown>,
    private readonly maxRiders: number,
  ) {}

  /**
   * Settles once `clientId`'s unit is over — its transaction committed and the connection back in the
   * pool, or rolled back and the unit's run alone finished: the business's next unit waits for it.
   */
  doneFor(clientId: number): Promise<void> {
    return this.riders.get(clientId)?.over ?? Promise.resolve();
  }

  /** Whether a unit of `clientId` can still join: open, not full, and no unit of that tenant aboard. */
  accepts(clientId: number): boolean {
    return !this.closed && !this.riders.has(clientId) && this.riders.size < this.maxRiders;
  }

  join<T>(clientId: number, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const runner = this.dataSource.createQueryRunner();
      const caller = new AsyncResource('SharedTransactionUnit');
      let ended!: () => void;
      const over = new Promise<void>((done) => (ended = done));
      const rider: Rider = { clientId, fn, runner, afterCommit: [], caller, over, ended, settled: false, failed: false, resolve: resolve as (value: unknown) => void, reject };
      // The runner behaves as inside startTransaction() (so TypeORM wraps nothing in a transaction of
      // its own) and its "connection" hands every statement to this shared transaction.
      Object.assign(runner, { databaseConnection: { query: (text: string, params?: unknown[]) => this.enqueue(rider, text, params ?? []) }, isTransactionActive: true, transactionDepth: 1 });
      this.riders.set(clientId, rider);
      // async: a unit that throws before its first await settles like any other (it must, or the
      // transaction would wait for it forever).
      void TenantContext.run({ clientId, manager: runner.manager, afterCommit: rider.afterCommit }, async () => fn(runner.manager)).then(
        (result) => this.settle(rider, false, result),
        (error: unknown) => this.settle(rider, true, error),
      );
    });
  }

  private enqueue(rider: Rider, text: string, params: unknown[]): Promise<StatementResult> {
    if (this.aborted) return Promise.reject(new SharedTransactionAborted());
    if (rider.settled) return Promise.reject(new Error('A unit of work used its shared transaction after it finished'));
    let literals: string[];
    try {
      const refused = sharedStatementRefusal(text);
      if (refused) throw new Error(refused);
      literals = params.map(sqlLiteral);
    } catch (error) {
      // The attempt fails with it, whatever the unit does with the error: it then runs alone, where
      // the statement goes as it is (a unit that caught the refusal must not commit without that step).
      this.abort(error);
      return Promise.reject(error);
    }
    return new Promise<StatementResult>((resolve, reject) => {
      this.queue.push({ rider, text, literals, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.sending) return;
    this.scheduled = true;
    // After this turn's I/O callbacks: every unit that has a statement ready in this turn joins the
    // message. Sent from the transaction's own context, not from the tenant scope of the unit whose
    // statement scheduled it.
    // (runInAsyncScope rather than home.bind(): on Node 20 every bind() builds a deprecation wrapper.)
    setImmediate(() =>
      this.home.runInAsyncScope(() => {
        this.scheduled = false;
        void this.send();
      }),
    );
  }

  private acquire(): Promise<{ raw: RawConnection; runner: QueryRunner }> {
    this.connection ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      const raw = (await runner.connect()) as RawConnection;
      return { raw, runner };
    })();
    return this.connection;
  }

  /** One round trip on the shared connection, logged as TypeORM logs its own statements (on the connection's runner). */
  private async message(text: string): Promise<StatementResult | StatementResult[]> {
    const { raw, runner } = await this.acquire();
    this.dataSource.logger.logQuery(text, [], runner);
    return raw.query(text);
  }

  private async send(): Promise<void> {
    if (this.aborted || this.queue.length === 0) return this.maybeFinish();
    this.closed = true;
    this.sending = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const { raw } = await this.acquire();
      const parts: string[] = [];
      if (!this.begun) parts.push(...SHARED_PRELUDE);
      const resultIndex: number[] = [];
      let tenant: number | null = null;
      this.usedPrepared = true;
      for (const item of batch) {
        if (item.rider.clientId !== tenant) {
          tenant = item.rider.clientId;
          parts.push(`SELECT set_config('app.client_id', '${tenant}', true)`);
        }
        // Prepared on this session (see statementParts): its result is the last part's.
        const statement = statementParts(raw, item.text, item.literals);
        parts.push(...statement);
        resultIndex.push(parts.length - 1);
      }
      this.begun = true;
      // A newline before each `;`: a text ending in a `--` comment cannot swallow the separator.
      const answered = await this.message(parts.join('\n;\n'));
      const results = Array.isArray(answered) ? answered : [answered];
      // One result per statement sent, or a unit's text held more than one: no result can be trusted.
      if (results.length !== parts.length) throw new Error(`A shared message of ${parts.length} statements had ${results.length} results`);
      batch.forEach((item, i) => item.resolve(results[resultIndex[i]]));
    } catch (error) {
      this.abort(error);
      for (const item of batch) item.reject(new SharedTransactionAborted());
    } finally {
      this.sending = false;
    }
    if (this.queue.length > 0) this.schedule();
    else this.maybeFinish();
  }

  private settle(rider: Rider, failed: boolean, outcome: unknown): void {
    rider.settled = true;
    rider.failed = failed;
    rider.result = outcome;
    // A unit that failed may have written half of its work into the shared transaction: none of it may commit.
    if (failed && !this.aborted) this.abort(outcome);
    this.maybeFinish();
  }

  private abort(reason: unknown): void {
    this.aborted = reason ?? new Error('shared transaction aborted');
    for (const item of this.queue.splice(0)) item.reject(new SharedTransactionAborted());
  }

  /** Once every unit has settled and nothing is on the wire: COMMIT (or ROLLBACK and run each unit alone). */
  private maybeFinish(): void {
    if (this.finished || this.sending || this.queue.length > 0) return;
    if ([...this.riders.values()].some((rider) => !rider.settled)) return;
    this.finished = true;
    this.closed = true;
    void this.finish();
  }

  private async finish(): Promise<void> {
    const riders = [...this.riders.values()];
    let committed = false;
    if (!this.aborted) {
      try {
        if (this.begun) await this.message('COMMIT');
        committed = true;
      } catch (error) {
        // A COMMIT whose answer was lost may have committed: the units are re-runnable, and their
        // writes idempotent, for this reason among others.
        this.aborted = error;
      }
    }
    await this.releaseConnection(!committed && this.begun, !committed && this.usedPrepared);
    // The transaction may end from any unit's message: each unit's ending — TypeORM's commit or
    // rollback event on its runner (ClientWriteWatcher listens), its after-commit work, or its run
    // alone — goes back to the context it joined from.
    for (const rider of riders) {
      void rider.caller.runInAsyncScope(async () => {
        await this.endTransactionOf(rider.runner, committed);
        if (committed) {
          rider.ended();
          return this.deliver(rider);
        }
        // The business's next unit waits for this re-run's commit too (its units never run side by
        // side), but not for its after-commit work, which may itself wait on the business's next unit.
        await this.runAlone(rider.clientId, rider.fn, rider.ended).then(rider.resolve, rider.reject);
        rider.ended();
      });
      rider.caller.emitDestroy();
    }
  }

  /** What TypeORM's commitTransaction()/rollbackTransaction() would have told the runner's subscribers. */
  private async endTransactionOf(runner: QueryRunner, committed: boolean): Promise<void> {
    Object.assign(runner, { isTransactionActive: false, transactionDepth: 0 });
    await runner.broadcaster.broadcast(committed ? 'AfterTransactionCommit' : 'AfterTransactionRollback').catch(() => undefined);
    await runner.release();
  }

  /**
   * Back to the pool; a session whose failed transaction could not be rolled back is destroyed instead.
   * `forget`: the transaction failed after building messages with the session's prepared statements,
   * so which of them exist there is unknown — they are deallocated (with the ROLLBACK, in one round
   * trip) and the session prepares afresh.
   */
  private async releaseConnection(rollback: boolean, forget: boolean): Promise<void> {
    const connection = await this.connection?.catch(() => null);
    if (!connection) return;
    let broken: unknown = null;
    const deallocate = forget && forgetSessionStatements(connection.raw);
    const ending = [...(rollback ? ['ROLLBACK'] : []), ...(deallocate ? ['DEALLOCATE ALL'] : [])];
    if (ending.length > 0) await this.message(ending.join(';\n')).catch((error: unknown) => (broken = error));
    const runner = connection.runner as QueryRunner & { releasePostgresConnection(error?: unknown): Promise<void> };
    await (broken ? runner.releasePostgresConnection(broken) : runner.release()).catch(() => undefined);
  }

  private async deliver(rider: Rider): Promise<void> {
    try {
      for (const task of rider.afterCommit) await task();
      rider.resolve(rider.result);
    } catch (error) {
      rider.reject(error);
    }
  }
}
