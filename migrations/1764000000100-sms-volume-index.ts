import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SmsPolicy counts a tenant's outbound texts of the last minute and the last 24 hours before every
 * send; this index answers both counts from a small range scan whatever the tenant's history.
 */
export class SmsVolumeIndex1764000000100 implements MigrationInterface {
  name = 'SmsVolumeIndex1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_messages_outbound_volume ON messages(client_id, created_at) WHERE direction = 'outbound' AND status <> 'refused'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_messages_outbound_volume`);
  }
}
