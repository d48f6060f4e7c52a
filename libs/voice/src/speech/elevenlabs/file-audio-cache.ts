import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AudioCache } from './audio-cache';
import type { RenderSpec } from './audio-key';

/**
 * The embedded default: clips as files under DATA_DIR/voice-audio (`<key>.mp3` and its `<key>.json`
 * spec). Written to a temporary name and renamed, so a reader never sees half a clip. One replica only:
 * several replicas need a shared backend (see the README).
 */
export class FileAudioCache extends AudioCache {
  private ready: Promise<void> | null = null;

  constructor(private readonly dir: string) {
    super();
  }

  async open(key: string): Promise<{ stream: Readable; size: number } | null> {
    try {
      const { size } = await stat(this.path(key, 'mp3'));
      return { stream: createReadStream(this.path(key, 'mp3')), size };
    } catch {
      return null;
    }
  }

  async has(key: string): Promise<boolean> {
    return stat(this.path(key, 'mp3')).then(() => true, () => false);
  }

  async put(key: string, audio: Buffer): Promise<void> {
    await this.write(this.path(key, 'mp3'), audio);
  }

  async putSpec(key: string, spec: RenderSpec): Promise<void> {
    await this.write(this.path(key, 'json'), JSON.stringify(spec));
  }

  async spec(key: string): Promise<RenderSpec | null> {
    try {
      return JSON.parse(await readFile(this.path(key, 'json'), 'utf8')) as RenderSpec;
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
