import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_ELEVENLABS_KEY = 'xi_fake_elevenlabs_0123456789';
export const FAKE_VOICE_ID = 'Fk3RachelVoice0001';

export type FailureKnob = 401 | 429 | 500 | 'slow';

/**
 * A local stand-in for api.elevenlabs.io's streaming text-to-speech, speaking its wire protocol:
 * POST /v1/text-to-speech/{voice_id}/stream?output_format=…, `xi-api-key` header, JSON body
 * { text, model_id }, and a chunked `audio/mpeg` answer whose first chunk comes after `ttfbMs` (about
 * ElevenLabs' time to first byte) and the rest over `restMs`. Errors are ElevenLabs' JSON
 * `{ detail: { status, message } }`. Knobs make the next requests fail or stall.
 */
export class FakeElevenLabs {
  readonly requests: Array<{ path: string; query: URLSearchParams; body: { text?: string; model_id?: string }; apiKey: string | undefined }> = [];
  ttfbMs = 250;
  restMs = 100;
  /** Set when the last streamed response finished sending (ms since epoch). */
  lastFinishedAt = 0;
  private failures: FailureKnob[] = [];
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` requests fail this way ('slow': the first byte comes after 3 s). */
  failNext(knob: FailureKnob, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(knob);
  }

  /** The audio the fake renders for a text: a recognisable MP3-framed payload, deterministic. */
  static audioFor(text: string): Buffer {
    const frameHeader = Buffer.from([0xff, 0xf3, 0x44, 0xc4]);
    return Buffer.concat([frameHeader, Buffer.from(`AUDIO:${text}:`.repeat(8), 'utf8')]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const apiKey = req.headers['xi-api-key'] as string | undefined;
    let body: { text?: string; model_id?: string } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return this.error(res, 400, 'invalid_json', 'Body is not JSON');
    }
    this.requests.push({ path: url.pathname, query: url.searchParams, body, apiKey });
    const match = /^\/v1\/text-to-speech\/([A-Za-z0-9]+)\/stream$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) return this.error(res, 404, 'not_found', 'Not found');
    if (apiKey !== FAKE_ELEVENLABS_KEY) return this.error(res, 401, 'invalid_api_key', 'Invalid API key');
    if (typeof body.text !== 'string' || body.text.length === 0) return this.error(res, 422, 'invalid_text', 'text is required');
    const knob = this.failures.shift();
    if (knob === 401) return this.error(res, 401, 'invalid_api_key', 'Invalid API key');
    if (knob === 429) return this.error(res, 429, 'too_many_concurrent_requests', 'Too many concurrent requests');
    if (knob === 500) return this.error(res, 500, 'internal_error', 'Internal error');
    const audio = FakeElevenLabs.audioFor(body.text);
    await sleep(knob === 'slow' ? 3000 : this.ttfbMs);
    if (res.destroyed) return;
    res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Transfer-Encoding': 'chunked' });
    const half = Math.ceil(audio.length / 2);
    res.write(audio.subarray(0, half));
    await sleep(this.restMs);
    if (res.destroyed) return;
    res.end(audio.subarray(half));
    this.lastFinishedAt = Date.now();
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ detail: { status: code, message } }));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
