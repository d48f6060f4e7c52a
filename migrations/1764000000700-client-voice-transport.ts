import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * clients.voice_transport: how this business's calls are carried — 'gather' (a webhook per turn) or
 * 'relay' (Twilio ConversationRelay over a WebSocket). NULL follows the platform default (VOICE_TRANSPORT),
 * so changing the default moves every business that never chose.
 */
export class ClientVoiceTransport1764000000700 implements MigrationInterface {
  name = 'ClientVoiceTransport1764000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN voice_transport VARCHAR(8)`);
    await q.query(`ALTER TABLE clients ADD CONSTRAINT clients_voice_transport_known CHECK (voice_transport IN ('gather', 'relay'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients DROP COLUMN voice_transport`);
  }
}
