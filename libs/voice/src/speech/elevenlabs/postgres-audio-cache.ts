import { Logger } from '@nestjs/common';
import type { Clock, TenantDatabase } from '@ringlypro/core';
import { Readable } from 'node:stream';
import { AudioCache, type AudioCacheLimits, type ClipOrigin } from './audio-cache';
import type { RenderSpec } from './audio-key';
import { PendingWrites, SerialTask } from './serial-task';

/** A serve moves a clip up the LRU order at most this often: Twilio's fetches stay reads, not writes. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Clips in Postgres (table voice_audio_clips, migration 1764000000710), shared by every API replica:
 * a line rendered on one is a cache hit on all. A platform table reached through the platform role on
 * its own audited path (see the migration for why it carries no client_id). Rows stay small in number
 * (bounded by maxBytes), so the LRU is a window over the whole table rather than an index.
 */
export class PostgresAudioCache extends AudioCache {
  private readonly logger = new Logger('PostgresAudioCache');
  private readonly serves = new PendingWrites();
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
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    const [row] = await this.query<{ audio: Uint8Array; size: number; last_served_at: Date }>(
      `SELECT audio, size, last_served_at FROM voice_audio_clips WHERE key = $1 AND audio IS NOT NULL`,
      [key],
    );
    if (!row) return null;
    const now = this.clock.now();
    if (now.getTime() - new Date(row.last_served_at).getTime() >= TOUCH_EVERY_MS) {
      // Not awaited: the audio goes out at once; a trim waits for it so the LRU order is current.
      this.serves.track(
        this.query(`UPDATE voice_audio_clips SET last_served_at = $2 WHERE key = $1 AND last_served_at < $2`, [key, now]).catch((error: Error) =>
          this.logger.warn(`Audio cache serve not recorded: ${error.message}`),
        ),
      );
    }
    const audio = Buffer.from(row.audio.buffer, row.audio.byteOffset, row.audio.byteLength);
    return { stream: Readable.from([audio]), size: audio.length };
  }

  async has(key: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM voice_audio_clips WHERE key = $1 AND audio IS NOT NULL`, [key])).length > 0;
  }

  async put(key: string, audio: Buffer): Promise<void> {
    // Rendering counts as a serve: the clip was rendered because a call is about to play it.
    await this.query(`UPDATE voice_audio_clips SET audio = $2, size = $3, last_served_at = $4 WHERE key = $1`, [key, audio, audio.length, this.clock.now()]);
    this.trimmer.request();
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
    const [expired] = await this.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM voice_audio_clips WHERE origin = 'on-demand' AND COALESCE(last_served_at, created_at) < $1 RETURNING key
       ) SELECT COUNT(*)::int AS n FROM gone`,
      [idleBefore],
    );
    // Newest serves first; every clip past the running total of maxBytes loses its audio (not its spec).
    const [evicted] = await this.query<{ n: number }>(
      `WITH ranked AS (
         SELECT key, SUM(size) OVER (ORDER BY last_served_at DESC, key DESC) AS kept FROM voice_audio_clips WHERE audio IS NOT NULL
       ), gone AS (
         UPDATE voice_audio_clips c SET audio = NULL, size = 0 FROM ranked r WHERE c.key = r.key AND r.kept > $1 RETURNING c.key
       ) SELECT COUNT(*)::int AS n FROM gone`,
      [this.limits.maxBytes],
    );
    return { evicted: Number(evicted.n), expired: Number(expired.n), bytes: await this.totalBytes() };
  }

  private query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.platform('voice-audio-cache', (manager) => manager.query(sql, params) as Promise<T[]>);
  }
}
