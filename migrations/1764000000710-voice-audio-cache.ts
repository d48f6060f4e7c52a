import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * voice_audio_clips: Rachel's rendered ElevenLabs clips when AUDIO_CACHE=postgres, shared by every API
 * replica (the file backend is one replica's disk).
 *
 * - key: the clip's name in its public URL, an HMAC-SHA256 (base64url) under a server secret of
 *   (text, voice, model, format). spec: those four, so a known key can be rendered again after its
 *   audio was evicted. audio is NULL until rendered, and again once evicted; size is its length.
 * - origin: 'prerendered' (a line every caller of a business hears, rendered ahead by the queue job)
 *   or 'on-demand' (rendered while a caller waited). last_served_at orders the LRU eviction under the
 *   size bound (AUDIO_CACHE_MAX_MB).
 *
 * Why no client_id and no row-level security — a platform table, reached only by the platform role on
 * its audited 'voice-audio-cache' path, and not granted to the tenant role at all:
 * - The reader has no tenant. Twilio fetches GET /voice/audio/{key}.mp3 without credentials; the
 *   unguessable HMAC key is the only handle, exactly as it is for the file backend. A tenant scope
 *   would add nothing to what the key already restricts.
 * - A clip is content, not a record about a tenant: the same line in the same voice ("How can I help
 *   you today?" in the platform voice) is one row for every business that says it. Keying by tenant
 *   would render and store it once per business and cost every business its first-call latency.
 * - Caller data is the real question: on-demand lines can carry a caller's name, the last four digits
 *   of their phone, a date and a confirmation code (in spec.text and in the audio). Tagging those rows
 *   with client_id would let a tenant's deletion reach them, but would also need the webhook to know,
 *   line by line, which text is personal. Instead no on-demand clip outlives its use: a row of origin
 *   'on-demand' not served for AUDIO_CACHE_ON_DEMAND_IDLE_HOURS (default 24) is deleted outright, spec
 *   and audio, by the cache's trim. Personal lines are played once or twice within a call, so they
 *   leave within a day of the call; prerendered lines are built from the business profile only
 *   (greeting, name, hours, address, services), never from a caller. The transcript in call_turns,
 *   tenant-owned under RLS, stays the record of what was said.
 */
export class VoiceAudioCache1764000000710 implements MigrationInterface {
  name = 'VoiceAudioCache1764000000710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voice_audio_clips (
        key VARCHAR(43) PRIMARY KEY,
        spec JSONB NOT NULL,
        origin VARCHAR(12) NOT NULL,
        audio BYTEA,
        content_type VARCHAR(40) NOT NULL DEFAULT 'audio/mpeg',
        size INTEGER NOT NULL DEFAULT 0,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        last_served_at TIMESTAMPTZ,
        CONSTRAINT voice_audio_clips_key_shape CHECK (key ~ '^[A-Za-z0-9_-]{43}$'),
        CONSTRAINT voice_audio_clips_origin_valid CHECK (origin IN ('prerendered', 'on-demand')),
        CONSTRAINT voice_audio_clips_size_is_audio CHECK (size = COALESCE(octet_length(audio), 0))
      )`);
    // MP3 is already compressed: storing it out of line without pglz saves the futile compression try.
    await q.query(`ALTER TABLE voice_audio_clips ALTER COLUMN audio SET STORAGE EXTERNAL`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON voice_audio_clips TO ringlypro_platform`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voice_audio_clips`);
  }
}
