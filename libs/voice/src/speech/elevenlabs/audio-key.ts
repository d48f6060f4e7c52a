import { createHmac } from 'node:crypto';

/** What one clip is rendered from: the same four always give the same audio, so they name it. */
export interface RenderSpec {
  text: string;
  voiceId: string;
  modelId: string;
  outputFormat: string;
}

/** A key as audioKey() makes it: 43 base64url characters (HMAC-SHA256). Anything else is not ours. */
export const AUDIO_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * The clip's name in URLs and in the cache: an HMAC under a server secret, so a key cannot be guessed
 * from a text (nobody can probe what Rachel said, nor mint URLs that make us pay ElevenLabs to render
 * their text), and the same line in the same voice is rendered once however often it is spoken.
 */
export function audioKey(secret: string, spec: RenderSpec): string {
  return createHmac('sha256', secret).update(JSON.stringify([spec.text, spec.voiceId, spec.modelId, spec.outputFormat])).digest('base64url');
}
