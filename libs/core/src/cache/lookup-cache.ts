export interface LookupCacheOptions {
  /** At most this many keys; the least recently used goes first. */
  maxEntries: number;
  /** A found value is kept this long at most (the safety net under explicit invalidation). */
  ttlMs: number;
  /** "Not found" is kept this long at most: a number assigned a moment later must not stay unknown. */
  negativeTtlMs: number;
  now?: () => number;
}

interface Entry<V> {
  value: V | null;
  expires: number;
}

/**
 * A bounded TTL cache in front of a database lookup, with invalidation that cannot lose to a lookup in
 * flight: every invalidation bumps a generation, and a lookup that started before it neither stores
 * its (possibly stale) answer nor hands it to callers that arrived after the invalidation.
 */
export class LookupCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** One load per key at a time: a burst of webhooks for a cold number waits for the same query. */
  private readonly loading = new Map<string, { generation: number; value: Promise<V | null> }>();
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: LookupCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer, else `load()`'s, which is kept when `store` is true and nothing was invalidated meanwhile. */
  async get(key: string, load: () => Promise<V | null>, store: boolean): Promise<V | null> {
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) {
      // Re-inserting marks it most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    if (entry) this.entries.delete(key);
    const generation = this.generation;
    // Joined only if nothing was invalidated since it started: otherwise it may predate the change.
    const inFlight = this.loading.get(key);
    if (inFlight && inFlight.generation === generation) return inFlight.value;
    const value = load();
    this.loading.set(key, { generation, value });
    try {
      const loaded = await value;
      if (store && generation === this.generation) this.put(key, loaded);
      return loaded;
    } finally {
      if (this.loading.get(key)?.value === value) this.loading.delete(key);
    }
  }

  /** Drops the entries for which `stale` is true (and every "not found"), and voids lookups in flight. */
  invalidate(stale: (value: V) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (entry.value === null || stale(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private put(key: string, value: V | null): void {
    this.entries.set(key, { value, expires: this.now() + (value === null ? this.options.negativeTtlMs : this.options.ttlMs) });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
