import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { LOGGER, type Logger } from '../logging/logger';
import { PLATFORM_ROLE, TENANT_ROLE } from './database-roles';
import { oneTripTransaction, tenantPrelude } from './one-trip-transaction';
import { SharedTransaction } from './shared-transaction';
import { TenantContext, type TenantScope } from './tenant-context';

/** Why a query may cross tenants. Each value is one audited path; add one only with a reason. */
export type PlatformPath =
  | 'registration'
  | 'login'
  | 'token-validation'
  | 'admin-client-listing'
  | 'webhook-number-lookup'
  | 'monthly-reset'
  | 'demo-data'
  | 'admin-cli'
  | 'job-recovery'
  | 'error-log'
  | 'provisioning-budget'
  | 'idle-number-release'
  | 'voice-audio-cache'
  | 'open-minutes-recount';

/** Units of work (one per tenant) sharing one transaction at most; more open another. */
const MAX_SHARED_UNITS = 32;

/**
 * Opens the database transactions tenant data is reached in.
 *
 * run(clientId, fn): a transaction as the tenant role with `app.client_id` set, and the tenant scope
 * on AsyncLocalStorage for TenantRepository. Nested calls for the same tenant join the open
 * transaction; a nested call for another tenant is refused.
 *
 * platform(path, fn): a transaction as the platform role, for the named cross-tenant paths only.
 *
 * Either opens with one round trip (BEGIN, SET LOCAL ROLE and set_config in one message), so the
 * prelude costs every API request and webhook one trip instead of three or four.
 *
 * runShared(clientId, fn): run() for the hot webhooks, sharing one transaction with other tenants'
 * concurrent units on Postgres (see SharedTransaction).
 */
@Injectable()
export class TenantDatabase {
  /** Shared transactions still taking units (none has sent its first message yet). */
  private open: SharedTransaction[] = [];
  /** The unfinished shared transaction each tenant has a unit in. */
  private readonly sharedBy = new Map<number, SharedTransaction>();
  /** node-postgres only: the embedded database is one session, with nothing to share. */
  private readonly sharing: boolean;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.sharing = !(dataSource.options as { driver?: unknown }).driver;
  }

  run<T>(clientId: number, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(clientId, fn);
  }

  /** run(), telling `committed` when the transaction has committed, before its after-commit work. */
  private async transaction<T>(clientId: number, fn: (manager: EntityManager) => Promise<T>, committed?: () => void): Promise<T> {
    if (!Number.isSafeInteger(clientId) || clientId <= 0) throw new Error(`Invalid tenant id ${clientId}`);
    const open = TenantContext.peek();
    if (open) {
      if (open.clientId !== clientId) throw new Error(`Refusing to open tenant ${clientId} inside tenant ${open.clientId}`);
      return fn(open.manager);
    }
    const request = RequestContext.current();
    if (request) request.clientId = clientId;
    const afterCommit: TenantScope['afterCommit'] = [];
    const result = await oneTripTransaction(this.dataSource, tenantPrelude(TENANT_ROLE, clientId), (manager) =>
      TenantContext.run({ clientId, manager, afterCommit }, () => fn(manager)),
    );
    committed?.();
    for (const task of afterCommit) await task();
    return result;
  }

  /**
   * run(clientId, fn) for the hot webhooks: fn may share ONE database transaction with the concurrent
   * units of other tenants (see SharedTransaction), so a burst of webhooks costs a few round trips in
   * all. Same isolation and same outcome as run(); fn must be re-runnable — it runs again alone when
   * the shared transaction fails — and reach the world outside the database only through afterCommit.
   */
  async runShared<T>(clientId: number, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!Number.isSafeInteger(clientId) || clientId <= 0) throw new Error(`Invalid tenant id ${clientId}`);
    if (!this.sharing || TenantContext.peek()) return this.run(clientId, fn);
    const request = RequestContext.current();
    if (request) request.clientId = clientId;
    // A tenant has a unit in one unfinished shared transaction at most (see SharedTransaction): wait
    // for that unit to be over. Its account lock would have made this unit wait as long anyway.
    for (let holder = this.sharedBy.get(clientId); holder; holder = this.sharedBy.get(clientId)) await holder.doneFor(clientId);
    this.open = this.open.filter((shared) => !shared.closed);
    let shared = this.open.find((candidate) => candidate.accepts(clientId));
    if (!shared) {
      shared = new SharedTransaction(this.dataSource, (tenant, work, committed) => this.transaction(tenant, work, committed), MAX_SHARED_UNITS);
      this.open.push(shared);
    }
    const joined = shared;
    this.sharedBy.set(clientId, joined);
    const result = joined.join(clientId, fn);
    void joined.doneFor(clientId).then(() => {
      if (this.sharedBy.get(clientId) === joined) this.sharedBy.delete(clientId);
    });
    return result;
  }

  async platform<T>(path: PlatformPath, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    // A second transaction inside a tenant one would need a second connection (and deadlock the
    // single embedded session); cross-tenant handlers are marked so they never get a tenant scope.
    if (TenantContext.peek()) throw new Error(`Platform path '${path}' opened inside a tenant transaction`);
    this.logger.debug({ platform_path: path }, 'cross-tenant access');
    return oneTripTransaction(this.dataSource, `SET LOCAL ROLE ${PLATFORM_ROLE}`, fn);
  }
}
