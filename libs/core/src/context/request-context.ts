import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and error record of one request or job carries. */
export interface RequestContextStore {
  requestId: string;
  /** Set once the tenant is known (token, dialed number or job payload). */
  clientId?: number;
}

const storage = new AsyncLocalStorage<RequestContextStore>();

/** Ambient per-request facts, on AsyncLocalStorage so they need not be threaded through every call. */
export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  current(): RequestContextStore | undefined {
    return storage.getStore();
  },
};
