/**
 * A clip while ElevenLabs is still producing it: every chunk is kept, and any number of readers (the
 * Twilio fetch, a second fetch of the same line) get what has arrived so far and then each new chunk as
 * it comes — the first byte reaches Twilio in ElevenLabs' time-to-first-byte, not after the whole clip.
 */
export class LiveRender {
  readonly chunks: Buffer[] = [];
  private done = false;
  private error: Error | null = null;
  private waiters: Array<() => void> = [];
  private firstByteResolve!: () => void;
  private firstByteReject!: (error: Error) => void;
  /** Settles when the first chunk arrives (or the render fails before it). */
  readonly firstByte = new Promise<void>((resolve, reject) => {
    this.firstByteResolve = resolve;
    this.firstByteReject = reject;
  });

  constructor() {
    // A failure nobody awaited must not crash the process as an unhandled rejection.
    this.firstByte.catch(() => undefined);
  }

  get healthy(): boolean {
    return this.error === null;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    if (this.chunks.length === 1) this.firstByteResolve();
    this.wake();
  }

  finish(): void {
    this.done = true;
    this.wake();
  }

  fail(error: Error): void {
    this.error = error;
    this.firstByteReject(error);
    this.wake();
  }

  async *read(): AsyncGenerator<Buffer> {
    let next = 0;
    for (;;) {
      while (next < this.chunks.length) yield this.chunks[next++];
      if (this.error) throw this.error;
      if (this.done) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
