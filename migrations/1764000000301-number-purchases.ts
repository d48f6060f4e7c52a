import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each client's current number was bought (or recovered) — what the platform-wide provisioning
 * budget counts per rolling hour and day — and an index for the idle-number release, which looks
 * for active numbers of accounts whose owner has not logged in for a long time.
 */
export class NumberPurchases1764000000301 implements MigrationInterface {
  name = 'NumberPurchases1764000000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN number_provisioned_at TIMESTAMPTZ`);
    // Numbers held before this column existed were bought before any budget window that matters now.
    await q.query(`CREATE INDEX idx_clients_number_provisioned_at ON clients(number_provisioned_at) WHERE number_provisioned_at IS NOT NULL`);
    await q.query(`CREATE INDEX idx_clients_active_numbers ON clients(user_id) WHERE number_status = 'active'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_clients_active_numbers`);
    await q.query(`DROP INDEX idx_clients_number_provisioned_at`);
    await q.query(`ALTER TABLE clients DROP COLUMN number_provisioned_at`);
  }
}
