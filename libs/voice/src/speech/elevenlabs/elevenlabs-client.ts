import type { RenderSpec } from './audio-key';

/** ElevenLabs refused or failed a render; `status` is its HTTP status (0: no answer). */
export class ElevenLabsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * ElevenLabs' streaming text-to-speech over its REST API with Node's fetch: one call, and the body is
 * the MP3 as ElevenLabs produces it, so the first bytes can go to Twilio before the clip is finished.
 */
export class ElevenLabsClient {
  constructor(
    private readonly apiKey: string,
    private readonly baseUrl: string,
  ) {}

  async stream(spec: RenderSpec, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const url = `${this.baseUrl}/v1/text-to-speech/${encodeURIComponent(spec.voiceId)}/stream?output_format=${encodeURIComponent(spec.outputFormat)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'xi-api-key': this.apiKey, 'Content-Type': 'application/json', Accept: 'audio/mpeg' },
      body: JSON.stringify({ text: spec.text, model_id: spec.modelId }),
      signal,
    });
    if (!response.ok || !response.body) {
      const detail = await response.text().catch(() => '');
      throw new ElevenLabsError(response.status, `ElevenLabs answered ${response.status}: ${detail.slice(0, 200)}`);
    }
    return response.body as unknown as AsyncIterable<Uint8Array>;
  }
}
