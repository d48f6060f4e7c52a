import { Controller, Get, Logger, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, NotFoundError } from '@ringlypro/core';
import { Public, WebhookRateLimit } from '@ringlypro/tenancy';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AUDIO_KEY } from './audio-key';
import { VoiceAudio } from './voice-audio';

/** A clip never changes (its key is its content): Twilio and any CDN may keep it forever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const FILE = /^([A-Za-z0-9_-]{43})\.mp3$/;

/**
 * The audio of Rachel's <Play> lines. Public — Twilio fetches it without credentials — but a key is an
 * HMAC under a server secret and only keys the webhook created can be rendered, so the URL can be
 * neither guessed nor used to make ElevenLabs render anything else.
 */
@ApiTags('voice audio')
@Controller('voice/audio')
export class VoiceAudioController {
  private readonly logger = new Logger('VoiceAudioController');

  constructor(private readonly audio: VoiceAudio) {}

  @Get(':file')
  @Public()
  // Twilio fetches every clip of every call from a few addresses: counted in the platform-wide webhook
  // budget like its webhooks, never the per-address one (which would mute Rachel on a busy day).
  @WebhookRateLimit()
  @ApiOperation({ summary: "One of Rachel's lines as MP3 (the URL of a <Play>), from the cache or streamed from ElevenLabs as it renders" })
  @ApiParam({
    name: 'file',
    description: 'The clip key and .mp3, as the TwiML gave it',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}\\.mp3$', maxLength: 47, example: 'q2v3hZ0aGdJbq2Xl0cZ3o8mI3t6nJ3xq0m6xq5x7k2A.mp3' },
  })
  @ApiProduces('audio/mpeg')
  @ApiResponse({ status: 200, description: 'The clip (immutable caching headers)', content: { 'audio/mpeg': { schema: { type: 'string', format: 'binary' }, example: '(MP3 bytes)' } } })
  @ApiErrors([404, 'No clip with this key (unknown, tampered with, or not renderable now)'], 429)
  async clip(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const key = FILE.exec(file)?.[1];
    if (!key || !AUDIO_KEY.test(key)) throw new NotFoundError('No such audio');
    let source;
    try {
      source = await this.audio.open(key);
    } catch (error) {
      this.logger.warn(`Audio ${key} could not be rendered: ${(error as Error).message}`);
      source = null;
    }
    if (!source) throw new NotFoundError('No such audio');
    res.status(200).set({ 'Content-Type': 'audio/mpeg', 'Cache-Control': IMMUTABLE, ETag: `"${key}"` });
    if (source.kind === 'cached') res.set('Content-Length', String(source.size));
    else res.flushHeaders();
    try {
      await pipeline(source.kind === 'cached' ? source.stream : source.chunks, res);
    } catch (error) {
      // Headers are gone: the only honest signal left is a cut connection.
      this.logger.warn(`Audio ${key} stream ended early: ${(error as Error).message}`);
      res.destroy();
    }
  }
}
