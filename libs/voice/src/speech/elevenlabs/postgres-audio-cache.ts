import { Logger } from '@nestjs/common';
import type { Clock, TenantDatabase } from '@ringlypro/core';
import { Readable } from 'node:stream';
import { AudioCache, type AudioCacheLimits, type ClipOrigin } from './audio-cache';
import type { RenderSpec } from './audio-key';
import { HotClips } from './hot-clips';
import { PendingWrites, SerialTask } from './serial-task';

/** A serve moves a clip up the LRU order at most this often: Twilio's fetches stay reads, not writes. */
const TOUCH_EVERY_MS = 60_000;
/**
 * Each replica keeps its hottest clips' bytes in memory (HotClips): 32 MB is some thousand phone-quality
 * lines, every fixed line of dozens of businesses. Five minutes bounds how long a copy outlives the
 * clip's deletion from the table on another replica.
 */
const HOT_BYTES = 32 * 1024 * 1024;
const HOT_TTL_MS = 5 * 60_000;

/**
 * Clips in Postgres (table voice_audio_clips, migration 1764000000710), shared by every API replica:
 * a line rendered on one is a cache hit on all. A platform table reached through the platform role on
 * its own audited path (see the migration for why it carries no client_id). Rows stay small in number
 * (bounded by maxBytes), so the LRU is a window over the whole table rather than an index.
 */
export class PostgresAudioCache extends AudioCache {
  private readonly logger = new Logger('PostgresAudioCache');
  private readonly serves = new PendingWrites();
  private readonly hot: HotClips;
  private readonly trimmer = new SerialTask(
    () => this.trimNow(),
    (error) => this.logger.warn(`Audio cache trim failed: ${error.message}`),
  );

  constructor(
    private readonly db: TenantDatabase,
    private readonly limits: AudioCacheLimits,
    private readonly clock: Clock,
  ) {
    super();
    this.hot = new HotClips(HOT_BYTES, HOT_TTL_MS, () => clock.now().getTime());
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const now = this.clock.now();
    const hot = this.hot.get(key);
    if (hot) {
      this.served(key, hot.touchedAt, now);
      return { stream: Readable.from([hot.audio]), size: hot.audio.length };
    }
    const [row] = await this.query<{ audio: Uint8Array; last_served_at: Date }>(`SELECT audio, last_served_at FROM voice_audio_clips WHERE key = $1 AND audio IS NOT NULL`, [key]);
    if (!row) return null;
    const audio = Buffer.from(row.audio.buffer, row.audio.byteOffset, row.audio.byteLength);
    const touchedAt = new Date(row.last_served_at).getTime();
    this.hot.set(key, audio, touchedAt);
    this.served(key, touchedAt, now);
    return { stream: Readable.from([audio]), size: audio.length };
  }

  async has(key: string): Promise<boolean> {
    if (this.hot.get(key)) return true;
    return (await this.query(`SELECT 1 FROM voice_audio_clips WHERE key = $1 AND audio IS NOT NULL`, [key])).length > 0;
  }

  async put(key: string, audio: Buffer): Promise<void> {
    const now = this.clock.now();
    // Rendering counts as a serve: the clip was rendered because a call is about to play it.
    // In a CTE: a bare UPDATE … RETURNING answers [rows, count] on one driver and rows on the other.
    const stored = await this.query(
      `WITH stored AS (UPDATE voice_audio_clips SET audio = $2, size = $3, last_served_at = $4 WHERE key = $1 RETURNING key) SELECT key FROM stored`,
      [key, audio, audio.length, now],
    );
    if (stored.length > 0) this.hot.set(key, audio, now.getTime());
    this.trimmer.request();
  }

  /**
   * Records a serve for the LRU order, at most once a minute per clip: Twilio's fetches stay reads.
   * Not awaited — the audio goes out at once — but a trim waits for it, so its order is current.
   */
  private served(key: string, touchedAt: number, now: Date): void {
    if (now.getTime() - touchedAt < TOUCH_EVERY_MS) return;
    this.hot.touched(key, now.getTime());
    this.serves.track(
      this.query(`UPDATE voice_audio_clips SET last_served_at = $2 WHERE key = $1 AND last_served_at < $2`, [key, now]).catch((error: Error) =>
        this.logger.warn(`Audio cache serve not recorded: ${error.message}`),
      ),
    );
  }

  async putSpec(key: string, spec: RenderSpec, origin: ClipOrigin): Promise<void> {
    // Only a promotion to 'prerendered' updates an existing row: re-registering a known line is no write.
    await this.query(
      `INSERT INTO voice_audio_clips (key, spec, origin, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET origin = 'prerendered'
       WHERE EXCLUDED.origin = 'prerendered' AND voice_audio_clips.origin <> 'prerendered'`,
      [key, JSON.stringify(spec), origin, this.clock.now()],
    );
  }

  async spec(key: string): Promise<RenderSpec | null> {
    const [row] = await this.query<{ spec: RenderSpec | string }>(`SELECT spec FROM voice_audio_clips WHERE key = $1`, [key]);
    if (!row) return null;
    return typeof row.spec === 'string' ? (JSON.parse(row.spec) as RenderSpec) : row.spec;
  }

  async totalBytes(): Promise<number> {
    const [row] = await this.query<{ total: string | number }>(`SELECT COALESCE(SUM(size), 0)::bigint AS total FROM voice_audio_clips`);
    return Number(row.total);
  }

  trim(): Promise<{ evicted: number; expired: number; bytes: number }> {
    return this.trimmer.run();
  }

  private async trimNow(): Promise<{ evicted: number; expired: number; bytes: number }> {
    await this.serves.settled();
    const idleBefore = new Date(this.clock.now().getTime() - this.limits.onDemandIdleMs);
    const expired = await this.query<{ key: string }>(
      `WITH gone AS (
         DELETE FROM voice_audio_clips WHERE origin = 'on-demand' AND COALESCE(last_served_at, created_at) < $1 RETURNING key
       ) SELECT key FROM gone`,
      [idleBefore],
    );
    for (const { key } of expired) this.hot.delete(key);
    // The common case, within bounds, costs one sum over the small heap rows (audio is stored out of line).
    const before = await this.totalBytes();
    if (before <= this.limits.maxBytes) return { evicted: 0, expired: expired.length, bytes: before };
    // Newest serves first; every clip past the running total of maxBytes loses its audio (not its spec).
    const evicted = await this.query<{ key: string }>(
      `WITH ranked AS (
         SELECT key, SUM(size) OVER (ORDER BY last_served_at DESC, key DESC) AS kept FROM voice_audio_clips WHERE audio IS NOT NULL
       ), gone AS (
         UPDATE voice_audio_clips c SET audio = NULL, size = 0 FROM ranked r WHERE c.key = r.key AND r.kept > $1 RETURNING c.key
       ) SELECT key FROM gone`,
      [this.limits.maxBytes],
    );
    for (const { key } of evicted) this.hot.delete(key);
    return { evicted: evicted.length, expired: expired.length, bytes: await this.totalBytes() };
  }

  private query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.platform('voice-audio-cache', (manager) => manager.query(sql, params) as Promise<T[]>);
  }
}
