import type { Readable } from 'node:stream';
import type { RenderSpec } from './audio-key';

/**
 * How a clip came to be rendered, which decides how long it may be kept:
 *  - 'prerendered': a line every caller of a business hears (greeting, prompts, hours), rendered ahead
 *    by the queue job; kept until the size bound pushes it out.
 *  - 'on-demand': rendered while a caller waited. Such lines may carry caller data (a name, the last
 *    four digits of a phone, a confirmation code), so they are deleted outright — spec and audio —
 *    once nobody has played them for the idle limit.
 * A key marked prerendered stays prerendered: a later on-demand registration never demotes it.
 */
export type ClipOrigin = 'prerendered' | 'on-demand';

export interface AudioCacheLimits {
  /** Audio bytes kept at most; past it the least recently served clips lose their audio (LRU). */
  maxBytes: number;
  /** An on-demand clip not served for this long is deleted with its spec (caller data does not linger). */
  onDemandIdleMs: number;
}

/**
 * Where rendered clips live, by key, with the spec each key was made from (so the audio endpoint can
 * render a key it has not seen yet — another turn, a restart). Clips never change: a key is its content.
 */
export abstract class AudioCache {
  /** The clip as a stream with its size, or null if not rendered (or evicted). Counts as a serve for LRU. */
  abstract open(key: string): Promise<{ stream: Readable; size: number } | null>;
  abstract has(key: string): Promise<boolean>;
  /** Stores the audio of a key whose spec was registered; keeps the size bound (see trim). */
  abstract put(key: string, audio: Buffer): Promise<void>;
  abstract putSpec(key: string, spec: RenderSpec, origin: ClipOrigin): Promise<void>;
  abstract spec(key: string): Promise<RenderSpec | null>;
  /**
   * Enforces the limits now: deletes on-demand clips idle past the limit, then drops the audio of the
   * least recently served clips until the total is within maxBytes. An evicted clip keeps its spec (when
   * it is not an idle on-demand one), so a <Play> URL already handed to Twilio still renders.
   */
  abstract trim(): Promise<{ evicted: number; expired: number; bytes: number }>;
  /** Total audio bytes held now. */
  abstract totalBytes(): Promise<number>;
}
