import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * clients.voice_id: the ElevenLabs voice Rachel speaks with for this business; NULL uses the platform
 * default (ELEVENLABS_VOICE_ID). Shaped like an ElevenLabs voice id, so nothing else reaches the URL
 * path of a render.
 */
export class ClientVoice1764000000600 implements MigrationInterface {
  name = 'ClientVoice1764000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN voice_id VARCHAR(64)`);
    await q.query(`ALTER TABLE clients ADD CONSTRAINT clients_voice_id_shape CHECK (voice_id ~ '^[A-Za-z0-9]{8,64}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients DROP COLUMN voice_id`);
  }
}
