import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Booking and messaging.
 * - sms_opt_outs: numbers that texted STOP (or that Twilio reported as unsubscribed, 21610) for one
 *   business. Tenant-owned, under the same row-level security as every tenant table.
 * - messages gains why it was sent (purpose), the appointment it is about, and Twilio's error when it
 *   failed, so a failed or refused text keeps its reason.
 * - appointments (id, client_id) is unique so messages can reference an appointment of the same client.
 */
export class Messaging1764000000003 implements MigrationInterface {
  name = 'Messaging1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sms_opt_outs (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        phone VARCHAR(20) NOT NULL,
        source VARCHAR(20) NOT NULL DEFAULT 'keyword',
        opted_out_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT sms_opt_outs_client_phone_key UNIQUE (client_id, phone)
      )`);
    await q.query(`ALTER TABLE appointments ADD CONSTRAINT appointments_id_client_id_key UNIQUE (id, client_id)`);
    await q.query(`ALTER TABLE messages ADD COLUMN purpose VARCHAR(20) NOT NULL DEFAULT 'manual'`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_purpose_valid CHECK (purpose IN ('manual', 'confirmation', 'reminder', 'reply', 'inbound'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN appointment_id INTEGER`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_appointment_same_client FOREIGN KEY (appointment_id, client_id) REFERENCES appointments(id, client_id) ON DELETE SET NULL (appointment_id)`);
    await q.query(`ALTER TABLE messages ADD COLUMN error_code INTEGER`);
    await q.query(`ALTER TABLE messages ADD COLUMN error_message TEXT`);
    await q.query(`ALTER TABLE messages ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()`);
    await q.query(`CREATE INDEX idx_messages_client_phone ON messages(client_id, to_number, created_at DESC)`);
    await q.query(`CREATE INDEX idx_messages_appointment ON messages(appointment_id) WHERE appointment_id IS NOT NULL`);

    const tenantId = `NULLIF(current_setting('app.client_id', true), '')::int`;
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON sms_opt_outs TO ringlypro_app, ringlypro_platform`);
    await q.query(`GRANT USAGE, SELECT ON SEQUENCE sms_opt_outs_id_seq TO ringlypro_app, ringlypro_platform`);
    await q.query(`ALTER TABLE sms_opt_outs ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE sms_opt_outs FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON sms_opt_outs TO ringlypro_app USING (client_id = ${tenantId}) WITH CHECK (client_id = ${tenantId})`);
    await q.query(`CREATE POLICY platform_access ON sms_opt_outs TO ringlypro_platform USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sms_opt_outs`);
    await q.query(`DROP INDEX idx_messages_appointment`);
    await q.query(`DROP INDEX idx_messages_client_phone`);
    for (const column of ['updated_at', 'error_message', 'error_code']) await q.query(`ALTER TABLE messages DROP COLUMN ${column}`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_appointment_same_client`);
    await q.query(`ALTER TABLE messages DROP COLUMN appointment_id`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_purpose_valid`);
    await q.query(`ALTER TABLE messages DROP COLUMN purpose`);
    await q.query(`ALTER TABLE appointments DROP CONSTRAINT appointments_id_client_id_key`);
  }
}
