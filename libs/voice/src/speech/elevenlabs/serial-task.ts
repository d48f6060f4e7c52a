/**
 * One task that must never run twice at once (a cache trim): run() queues one more run after the
 * current one and resolves with its result; request() asks for a run in the background and is absorbed
 * by one already queued, so a burst of writes costs one trim, not one each.
 */
export class SerialTask<T> {
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<T> | null = null;

  constructor(
    private readonly task: () => Promise<T>,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  run(): Promise<T> {
    const next = this.tail.then(() => {
      if (this.queued === next) this.queued = null;
      return this.task();
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  request(): void {
    if (this.queued) return;
    this.queued = this.run();
    this.queued.catch((error: Error) => this.onError(error));
  }
}

/** Writes left running in the background (a serve's LRU touch), which a later task can wait for. */
export class PendingWrites {
  private readonly pending = new Set<Promise<unknown>>();

  track(write: Promise<unknown>): void {
    const settled = write.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
