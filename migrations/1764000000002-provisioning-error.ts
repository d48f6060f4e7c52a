import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why number provisioning failed, kept beside forwarding_status 'failed' so the owner (and support)
 * can see it and POST /api/client/:client_id/provision can be retried knowingly.
 */
export class ProvisioningError1764000000002 implements MigrationInterface {
  name = 'ProvisioningError1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN provisioning_error TEXT`);
    await q.query(`COMMENT ON COLUMN clients.provisioning_error IS 'Reason the last number provisioning failed; NULL once a number is active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients DROP COLUMN provisioning_error`);
  }
}
