/**
 * The current time, injectable so tests can stand on a DST-change day or at 20:59 before quiet hours.
 * Production uses SystemClock; nothing in the product calls `new Date()` for "now" directly.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A settable clock for tests and benchmarks. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
