import type { Readable } from 'node:stream';
import type { RenderSpec } from './audio-key';

/**
 * Where rendered clips live, by key, with the spec each key was made from (so the audio endpoint can
 * render a key it has not seen yet — another turn, a restart). Clips never change: a key is its content.
 */
export abstract class AudioCache {
  /** The clip as a stream with its size, or null if not rendered yet. */
  abstract open(key: string): Promise<{ stream: Readable; size: number } | null>;
  abstract has(key: string): Promise<boolean>;
  abstract put(key: string, audio: Buffer): Promise<void>;
  abstract putSpec(key: string, spec: RenderSpec): Promise<void>;
  abstract spec(key: string): Promise<RenderSpec | null>;
}
