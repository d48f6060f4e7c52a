/**
 * The most recently served clips' bytes in process memory, in front of a shared backend: a clip never
 * changes (its key is its content), so a copy is always correct, and serving it skips a database round
 * trip on the hottest lines ("How can I help you today?"). Bounded in bytes (least recently used out
 * first) and in time, so a clip deleted from the shared store — an idle on-demand line, which may carry
 * caller data — is not kept here for long on any replica either.
 */
export class HotClips {
  /** Map order is recency: a hit is moved to the end, the first entry is the least recently used. */
  private readonly clips = new Map<string, { audio: Buffer; until: number; touchedAt: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string): { audio: Buffer; touchedAt: number } | null {
    const entry = this.clips.get(key);
    if (!entry) return null;
    this.clips.delete(key);
    if (entry.until <= this.now()) {
      this.bytes -= entry.audio.length;
      return null;
    }
    this.clips.set(key, entry);
    return entry;
  }

  /** touchedAt: when the shared store last recorded a serve of it (so serves from memory are recorded too). */
  set(key: string, audio: Buffer, touchedAt: number): void {
    // One huge clip must not flush every hot line.
    if (audio.length > this.maxBytes / 8) return;
    this.delete(key);
    this.clips.set(key, { audio, until: this.now() + this.ttlMs, touchedAt });
    this.bytes += audio.length;
    for (const [oldest, entry] of this.clips) {
      if (this.bytes <= this.maxBytes) break;
      this.clips.delete(oldest);
      this.bytes -= entry.audio.length;
    }
  }

  touched(key: string, at: number): void {
    const entry = this.clips.get(key);
    if (entry) entry.touchedAt = at;
  }

  delete(key: string): void {
    const entry = this.clips.get(key);
    if (!entry) return;
    this.clips.delete(key);
    this.bytes -= entry.audio.length;
  }
}
