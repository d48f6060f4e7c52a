import { Logger } from '@nestjs/common';
import type { Clock } from '@ringlypro/core';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AudioCache, type AudioCacheLimits, type ClipOrigin } from './audio-cache';
import { AUDIO_KEY, type RenderSpec } from './audio-key';
import { PendingWrites, SerialTask } from './serial-task';

/** The `<key>.json` beside a clip: what it was rendered from, and how (see ClipOrigin). */
interface SpecFile {
  spec: RenderSpec;
  origin: ClipOrigin;
  createdAt: number;
}

/** What the cache knows of one key without touching the disk. */
interface Entry {
  origin: ClipOrigin;
  /** Audio bytes on disk; 0 when only the spec is (not rendered yet, or evicted). */
  size: number;
  /** Last serve (or render) in ms: the LRU order, persisted as the clip file's mtime. */
  lastServed: number;
}

/**
 * The embedded default: clips as files under DATA_DIR/voice-audio (`<key>.mp3` and its `<key>.json`).
 * Written to a temporary name and renamed, so a reader never sees half a clip. One replica only:
 * several replicas share the Postgres backend (AUDIO_CACHE=postgres).
 *
 * The size bound is kept from an in-memory index of every key, built once from the directory (sizes,
 * and mtimes as the last serve, so the LRU order survives a restart) and kept current by every call.
 */
export class FileAudioCache extends AudioCache {
  private ready: Promise<void> | null = null;
  private index: Promise<Map<string, Entry>> | null = null;
  private readonly logger = new Logger('FileAudioCache');
  private readonly trimmer = new SerialTask(
    () => this.trimNow(),
    (error) => this.logger.warn(`Audio cache trim failed: ${error.message}`),
  );
  private readonly serves = new PendingWrites();

  constructor(
    private readonly dir: string,
    private readonly limits: AudioCacheLimits,
    private readonly clock: Clock,
  ) {
    super();
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    try {
      const { size } = await stat(this.path(key, 'mp3'));
      const stream = createReadStream(this.path(key, 'mp3'));
      // Not awaited: the audio goes out at once; a trim waits for it so the LRU order is current.
      this.serves.track(this.served(key));
      return { stream, size };
    } catch {
      return null;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.path(key, 'mp3')).then(() => true, () => false);
  }

  async put(key: string, audio: Buffer): Promise<void> {
    const index = await this.loaded();
    const entry = index.get(key);
    // A clip without its spec could never be re-rendered nor expired by origin: not kept.
    if (!entry) return;
    await this.write(this.path(key, 'mp3'), audio);
    entry.size = audio.length;
    entry.lastServed = this.clock.now().getTime();
    await this.touch(key, entry.lastServed);
    this.trimmer.request();
  }

  async putSpec(key: string, spec: RenderSpec, origin: ClipOrigin): Promise<void> {
    const index = await this.loaded();
    const entry = index.get(key);
    if (entry && (entry.origin === 'prerendered' || origin === 'on-demand')) return;
    const createdAt = this.clock.now().getTime();
    await this.write(this.path(key, 'json'), JSON.stringify({ spec, origin, createdAt } satisfies SpecFile));
    if (entry) entry.origin = origin;
    else index.set(key, { origin, size: 0, lastServed: createdAt });
  }

  async spec(key: string): Promise<RenderSpec | null> {
    return (await this.readSpec(key))?.spec ?? null;
  }

  async totalBytes(): Promise<number> {
    let total = 0;
    for (const entry of (await this.loaded()).values()) total += entry.size;
    return total;
  }

  trim(): Promise<{ evicted: number; expired: number; bytes: number }> {
    return this.trimmer.run();
  }

  private async trimNow(): Promise<{ evicted: number; expired: number; bytes: number }> {
    await this.serves.settled();
    const index = await this.loaded();
    const idleBefore = this.clock.now().getTime() - this.limits.onDemandIdleMs;
    let expired = 0;
    let evicted = 0;
    for (const [key, entry] of index) {
      if (entry.origin !== 'on-demand' || entry.lastServed >= idleBefore) continue;
      index.delete(key);
      await Promise.all([unlink(this.path(key, 'mp3')).catch(() => undefined), unlink(this.path(key, 'json')).catch(() => undefined)]);
      expired += 1;
    }
    let bytes = 0;
    for (const entry of index.values()) bytes += entry.size;
    if (bytes > this.limits.maxBytes) {
      const oldestFirst = [...index].filter(([, e]) => e.size > 0).sort(([ka, a], [kb, b]) => a.lastServed - b.lastServed || (ka < kb ? -1 : 1));
      for (const [key, entry] of oldestFirst) {
        if (bytes <= this.limits.maxBytes) break;
        await unlink(this.path(key, 'mp3')).catch(() => undefined);
        bytes -= entry.size;
        entry.size = 0;
        evicted += 1;
      }
    }
    return { evicted, expired, bytes };
  }

  /** A serve moves the clip to the front of the LRU order, in memory and on disk (its mtime). */
  private async served(key: string): Promise<void> {
    const now = this.clock.now().getTime();
    const entry = (await this.loaded()).get(key);
    if (entry) entry.lastServed = now;
    await this.touch(key, now);
  }

  private touch(key: string, at: number): Promise<void> {
    const when = new Date(at);
    return utimes(this.path(key, 'mp3'), when, when).catch(() => undefined);
  }

  private loaded(): Promise<Map<string, Entry>> {
    this.index ??= this.scan();
    return this.index;
  }

  /** Every key in the directory, once: its origin from the spec, its size and last serve from the clip. */
  private async scan(): Promise<Map<string, Entry>> {
    const index = new Map<string, Entry>();
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const key = name.endsWith('.json') ? name.slice(0, -5) : null;
      if (!key || !AUDIO_KEY.test(key)) continue;
      const file = await this.readSpec(key);
      if (!file) continue;
      const clip = await stat(this.path(key, 'mp3')).catch(() => null);
      index.set(key, { origin: file.origin, size: clip?.size ?? 0, lastServed: clip ? clip.mtimeMs : file.createdAt });
    }
    return index;
  }

  private async readSpec(key: string): Promise<SpecFile | null> {
    try {
      const parsed = JSON.parse(await readFile(this.path(key, 'json'), 'utf8')) as SpecFile | RenderSpec;
      // Clips cached before origins existed: a bare spec. Treated as on-demand, the cautious choice.
      if ('text' in parsed) return { spec: parsed, origin: 'on-demand', createdAt: 0 };
      return parsed;
    } catch {
      return null;
    }
  }

  private async write(path: string, data: Buffer | string): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).then(() => undefined);
    await this.ready;
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, path);
  }

  // Keys are checked against AUDIO_KEY before they get here, so they cannot climb out of the directory.
  private path(key: string, ext: 'mp3' | 'json'): string {
    return join(this.dir, `${key}.${ext}`);
  }
}
