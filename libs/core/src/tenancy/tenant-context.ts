import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

export interface TenantScope {
  clientId: number;
  /** The tenant transaction's manager: every scoped query goes through it. */
  manager: EntityManager;
  /** Work that must only happen once the transaction has committed (enqueueing jobs). */
  afterCommit: Array<() => Promise<unknown>>;
}

const storage = new AsyncLocalStorage<TenantScope>();

export class TenantContextMissingError extends Error {
  constructor() {
    super('Tenant context not set: tenant-owned data may only be reached inside TenantDatabase.run()');
    this.name = 'TenantContextMissingError';
  }
}

/** The tenant of the current request or job. Reading it outside a tenant scope is a bug, so it throws. */
export const TenantContext = {
  run<T>(scope: TenantScope, fn: () => Promise<T>): Promise<T> {
    return storage.run(scope, fn);
  },
  current(): TenantScope {
    const scope = storage.getStore();
    if (!scope) throw new TenantContextMissingError();
    return scope;
  },
  /** For code that works with or without a tenant (logging); never for data access. */
  peek(): TenantScope | undefined {
    return storage.getStore();
  },
};
