import { Logger } from '@nestjs/common';
import type { AudioCache } from './audio-cache';

/**
 * Trims the audio cache on a timer as well as after each render: the size bound needs writes to be
 * exceeded, but the idle limit on on-demand clips (which may carry caller data) must hold on a quiet
 * system too — a night without a single new render must still see yesterday's names deleted.
 */
export class AudioCacheSweeper {
  private readonly logger = new Logger('AudioCacheSweeper');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly cache: AudioCache,
    private readonly everyMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.everyMs);
    // Never what keeps the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sweep(): Promise<void> {
    try {
      const { expired, evicted } = await this.cache.trim();
      if (expired || evicted) this.logger.log(`Audio cache trimmed: ${expired} idle on-demand clips deleted, ${evicted} evicted by size`);
    } catch (error) {
      this.logger.warn(`Audio cache trim failed: ${(error as Error).message}`);
    }
  }
}
