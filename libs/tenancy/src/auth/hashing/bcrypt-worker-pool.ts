import { Worker } from 'node:worker_threads';

/** What a worker is asked to do: hash a password, or compare one with a stored hash. */
export type BcryptTask = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };

interface Pending {
  task: BcryptTask;
  resolve(value: string | boolean): void;
  reject(error: Error): void;
}

/** Thrown when more work is waiting than the pool accepts; callers turn it into a 429/503. */
export class HashingQueueFullError extends Error {}

/**
 * The worker body, evaluated as CommonJS inside each thread. bcryptjs is required by absolute path
 * (resolved in the parent), so the pool works the same under ts-node, jest and the compiled build
 * without a separate .js file to ship.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ id, task }) => {
  try {
    const value = task.op === 'hash' ? bcrypt.hashSync(task.password, task.cost) : bcrypt.compareSync(task.password, task.hash);
    parentPort.postMessage({ id, value });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/**
 * A fixed number of worker threads running bcryptjs, so a cost-12 hash (~250 ms of CPU) never blocks
 * the event loop that answers every other request. Concurrency is bounded by the thread count; work
 * beyond it waits in a FIFO queue of bounded length, and past that is refused at once instead of
 * piling up memory and latency. Threads start on first use and are replaced if one dies.
 */
export class BcryptWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly bcryptPath = require.resolve('bcryptjs');
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly threads: number,
    private readonly maxQueued: number,
  ) {}

  run(task: BcryptTask): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('The password hashing pool is closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending = { task, resolve, reject };
      const idle = this.idleSlot();
      if (idle) return this.dispatch(idle, pending);
      if (this.queue.length >= this.maxQueued) return reject(new HashingQueueFullError('Too many password checks are waiting'));
      this.queue.push(pending);
    });
  }

  /** Work waiting for a thread, for tests and metrics. */
  get queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('The password hashing pool is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private idleSlot(): Slot | null {
    const idle = this.slots.find((slot) => slot.busy === null);
    if (idle) return idle;
    if (this.slots.length < this.threads) return this.spawn();
    return null;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: this.bcryptPath } });
    // Idle threads must not keep a finished process (a CLI, a test) alive.
    worker.unref();
    const slot: Slot = { worker, busy: null };
    let dead = false;
    worker.on('message', (message: { value?: string | boolean; error?: string }) => {
      const pending = slot.busy;
      slot.busy = null;
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.value!);
      this.drain(slot);
    });
    // 'error' is followed by 'exit': replace the thread once.
    const fail = (error: Error) => {
      if (dead) return;
      dead = true;
      slot.busy?.reject(error);
      slot.busy = null;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      if (!this.closed && this.queue.length > 0) {
        const replacement = this.spawn();
        this.drain(replacement);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`password hashing thread exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private dispatch(slot: Slot, pending: Pending): void {
    slot.busy = pending;
    slot.worker.ref();
    slot.worker.postMessage({ id: this.nextId++, task: pending.task });
  }

  private drain(slot: Slot): void {
    const next = this.queue.shift();
    if (next) this.dispatch(slot, next);
    else slot.worker.unref();
  }
}
