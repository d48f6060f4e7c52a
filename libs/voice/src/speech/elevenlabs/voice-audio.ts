import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AudioCache } from './audio-cache';
import { audioKey, type RenderSpec } from './audio-key';
import type { CircuitBreaker } from './circuit-breaker';
import { ElevenLabsError, type ElevenLabsClient } from './elevenlabs-client';
import { LiveRender } from './live-render';

export interface VoiceAudioSettings {
  voiceId: string;
  modelId: string;
  outputFormat: string;
  /** Budget for the first audio byte of an uncached line. */
  timeoutMs: number;
  /** Secret the keys are an HMAC under. */
  keySecret: string;
  /** Public origin Twilio fetches the audio from. */
  publicBaseUrl: string;
}

/** A whole clip never takes longer than this once it has started (a stalled stream is cut). */
const RENDER_LIMIT_MS = 30_000;
/** Renders the pre-render job runs at once: well under ElevenLabs' lowest concurrency limit. */
const RENDER_AHEAD_CONCURRENCY = 2;
/** Keys known to be in the cache, remembered so speak() can decide without I/O; reset past this size. */
const KNOWN_CACHED_LIMIT = 10_000;
/**
 * How long "it is cached" is believed without asking the cache again: the cache trims (evicts, expires
 * idle on-demand clips, possibly on another replica), so a key is re-checked at least this often.
 */
const KNOWN_CACHED_MS = 60_000;
/** What is left of that belief when prepare() trusts it: far more than a turn takes from prepare to speak. */
const PREPARED_MARGIN_MS = 10_000;

export type AudioSource = { kind: 'cached'; stream: Readable; size: number } | { kind: 'live'; chunks: AsyncIterable<Buffer> };

/**
 * Rachel's clips: which lines can be <Play>ed now, rendering the ones that are not cached, and the
 * audio itself for GET /voice/audio/:key.mp3. A line is playable when its clip is cached or ElevenLabs
 * has already sent its first byte within the budget; otherwise (no answer in time, an error, a rate
 * limit, the breaker open) it is not, and the speaker says it with <Say> in the same turn.
 */
export class VoiceAudio {
  private readonly logger = new Logger('VoiceAudio');
  private readonly live = new Map<string, LiveRender>();
  /** Key → until when it is believed cached (ms). */
  private readonly knownCached = new Map<string, number>();

  constructor(
    private readonly settings: VoiceAudioSettings,
    private readonly client: ElevenLabsClient,
    private readonly cache: AudioCache,
    private readonly breaker: CircuitBreaker,
  ) {}

  /** voiceId: the business's own voice; null → the platform default. */
  spec(text: string, voiceId: string | null = null): RenderSpec {
    return { text, voiceId: voiceId ?? this.settings.voiceId, modelId: this.settings.modelId, outputFormat: this.settings.outputFormat };
  }

  keyOf(text: string, voiceId: string | null = null): string {
    return audioKey(this.settings.keySecret, this.spec(text, voiceId));
  }

  urlOf(key: string): string {
    return `${this.settings.publicBaseUrl}/voice/audio/${key}.mp3`;
  }

  /** Cached, or rendering with its first byte in: Twilio will get audio at once. */
  playable(key: string, marginMs = 0): boolean {
    if ((this.knownCached.get(key) ?? 0) > Date.now() + marginMs) return true;
    const render = this.live.get(key);
    return render !== undefined && render.healthy && render.chunks.length > 0;
  }

  /**
   * Before a turn's TwiML is built: every line is looked up in the cache, and the missing ones start
   * rendering now (so Twilio's fetch joins a render already under way) — each waited for up to the
   * budget for its first byte. Never throws: a line that fails is simply not playable.
   */
  async prepare(lines: string[], voiceId: string | null = null): Promise<void> {
    await Promise.all(lines.map((line) => this.prepareLine(this.spec(line, voiceId))));
  }

  /**
   * Renders lines to the end (the pre-render job): cached ones are only marked prerendered, the rest
   * rendered a few at a time (ElevenLabs limits concurrent requests per plan). Throws if ElevenLabs
   * fails or the breaker is open, so the job is retried later.
   */
  async renderAhead(lines: string[], voiceId: string | null = null): Promise<{ rendered: number; cached: number }> {
    const counts = { rendered: 0, cached: 0 };
    const queue = [...new Set(lines)];
    const worker = async () => {
      for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
        const spec = this.spec(line, voiceId);
        const key = audioKey(this.settings.keySecret, spec);
        // Rendered on demand before, or not: either way it is now known to be a fixed line, kept as one.
        await this.cache.putSpec(key, spec, 'prerendered');
        if (await this.cache.has(key)) {
          this.rememberCached(key);
          counts.cached += 1;
          continue;
        }
        let render = this.live.get(key);
        if (!render) {
          if (!this.breaker.allows()) throw new ElevenLabsError(0, 'ElevenLabs is failing (circuit open); retry later');
          render = this.startRender(key, spec);
        }
        for await (const chunk of render.read()) void chunk;
        counts.rendered += 1;
      }
    };
    await Promise.all(Array.from({ length: RENDER_AHEAD_CONCURRENCY }, worker));
    return counts;
  }

  /** The clip for GET /voice/audio: from the cache, joining a render under way, or rendering a known key. */
  async open(key: string): Promise<AudioSource | null> {
    const cached = await this.cache.open(key);
    if (cached) return { kind: 'cached', ...cached };
    let render = this.live.get(key);
    if (!render) {
      const spec = await this.cache.spec(key);
      // Another fetch may have started it meanwhile: join that one rather than pay twice.
      render = this.live.get(key);
      if (!render) {
        if (!spec || !this.breaker.allows()) return null;
        render = this.startRender(key, spec);
      }
    }
    await render.firstByte;
    return { kind: 'live', chunks: render.read() };
  }

  private async prepareLine(spec: RenderSpec): Promise<void> {
    const key = audioKey(this.settings.keySecret, spec);
    try {
      // A belief about to lapse is checked again now: speak() follows within the same turn and must
      // still find the line playable, or it would be said with <Say> though it is cached.
      if (this.playable(key, PREPARED_MARGIN_MS)) return;
      if (await this.cache.has(key)) return this.rememberCached(key);
      if (!this.live.has(key)) {
        // The spec first: once allows() grants a half-open trial, nothing may fail before the render
        // starts, or the trial would never report back.
        await this.cache.putSpec(key, spec, 'on-demand');
        if (!this.live.has(key)) {
          if (!this.breaker.allows()) return;
          this.startRender(key, spec);
        }
      }
      await this.live.get(key)?.firstByte;
    } catch (error) {
      this.logger.warn(`Line not rendered in time, spoken with <Say>: ${(error as Error).message}`);
    }
  }

  private startRender(key: string, spec: RenderSpec): LiveRender {
    const render = new LiveRender();
    this.live.set(key, render);
    void this.run(key, spec, render);
    return render;
  }

  private async run(key: string, spec: RenderSpec, render: LiveRender): Promise<void> {
    const abort = new AbortController();
    const firstByteTimer = setTimeout(() => abort.abort(new ElevenLabsError(0, `no audio within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
    const limitTimer = setTimeout(() => abort.abort(new ElevenLabsError(0, `clip not finished within ${RENDER_LIMIT_MS} ms`)), RENDER_LIMIT_MS);
    try {
      for await (const chunk of await this.client.stream(spec, abort.signal)) {
        if (render.chunks.length === 0) {
          clearTimeout(firstByteTimer);
          // Audio within the budget is what "healthy" means: a half-open breaker closes on it at once.
          this.breaker.success();
        }
        render.push(Buffer.from(chunk));
      }
      if (render.chunks.length === 0) throw new ElevenLabsError(0, 'ElevenLabs sent no audio');
      await this.cache.put(key, Buffer.concat(render.chunks));
      this.rememberCached(key);
      render.finish();
    } catch (error) {
      const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : (error as Error);
      this.breaker.failure();
      render.fail(reason);
      this.logger.warn(`ElevenLabs render failed: ${reason.message}`);
    } finally {
      clearTimeout(firstByteTimer);
      clearTimeout(limitTimer);
      this.live.delete(key);
    }
  }

  private rememberCached(key: string): void {
    if (this.knownCached.size >= KNOWN_CACHED_LIMIT) this.knownCached.clear();
    this.knownCached.set(key, Date.now() + KNOWN_CACHED_MS);
  }
}
