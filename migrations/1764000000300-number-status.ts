import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMessagePurposes, removeMessagePurposes } from './support/message-purposes';

/**
 * One status per question (issue 13):
 * - number_status: where the Rachel number stands — pending (being bought), active (owned and
 *   routed), failed (provisioning gave up; provisioning_error says why), released (given back to
 *   Twilio, when and why in number_released_at / number_release_reason).
 * - rachel_enabled (unchanged): whether Rachel answers or calls ring the owner.
 * - forwarding_verified (+ _at): the owner's carrier forwarding has been seen working — a call reached
 *   the Rachel number with ForwardedFrom/CalledVia equal to the business phone.
 * The seed's forwarding_status stays for anything reading it, but is now DERIVED by a trigger and
 * never written by the application:
 *   number_status pending → 'pending', failed → 'failed', released → 'inactive',
 *   active → 'active' when rachel_enabled, else 'inactive'.
 * users.last_login_at lets a number of an account nobody logs into any more be released.
 * messages.purpose gains the texts that tell a customer the owner rescheduled or cancelled.
 */
const NEW_PURPOSES = ['rescheduled', 'cancelled'];


export class NumberStatus1764000000300 implements MigrationInterface {
  name = 'NumberStatus1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN number_status VARCHAR(20) NOT NULL DEFAULT 'pending'`);
    await q.query(`ALTER TABLE clients ADD CONSTRAINT clients_number_status_valid CHECK (number_status IN ('pending', 'active', 'failed', 'released'))`);
    await q.query(`ALTER TABLE clients ADD COLUMN forwarding_verified BOOLEAN NOT NULL DEFAULT FALSE`);
    await q.query(`ALTER TABLE clients ADD COLUMN forwarding_verified_at TIMESTAMPTZ`);
    await q.query(`ALTER TABLE clients ADD COLUMN number_released_at TIMESTAMPTZ`);
    await q.query(`ALTER TABLE clients ADD COLUMN number_release_reason TEXT`);
    await q.query(`ALTER TABLE users ADD COLUMN last_login_at TIMESTAMPTZ`);
    // Backfill: a client holding a number is active whatever forwarding_status said (a provisioning
    // retry racing the first job could leave 'pending' beside a number); 'failed' stays failed.
    await q.query(`
      UPDATE clients SET number_status = CASE
        WHEN ringlypro_number IS NOT NULL THEN 'active'
        WHEN forwarding_status = 'failed' THEN 'failed'
        ELSE 'pending' END`);
    await q.query(`
      CREATE FUNCTION clients_derive_forwarding_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.forwarding_status := CASE NEW.number_status
          WHEN 'pending' THEN 'pending'
          WHEN 'failed' THEN 'failed'
          WHEN 'released' THEN 'inactive'
          ELSE CASE WHEN NEW.rachel_enabled THEN 'active' ELSE 'inactive' END
        END;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER clients_derive_forwarding_status
        BEFORE INSERT OR UPDATE ON clients
        FOR EACH ROW EXECUTE FUNCTION clients_derive_forwarding_status()`);
    await q.query(`UPDATE clients SET number_status = number_status`);
    await q.query(
      `COMMENT ON COLUMN clients.forwarding_status IS 'Derived by trigger from number_status and rachel_enabled (kept for seed compatibility; never written directly)'`,
    );
    await q.query(`COMMENT ON COLUMN clients.number_status IS 'Rachel number: pending, active, failed, released'`);
    await addMessagePurposes(q, NEW_PURPOSES);
  }

  async down(q: QueryRunner): Promise<void> {
    await removeMessagePurposes(q, NEW_PURPOSES);
    await q.query(`DROP TRIGGER clients_derive_forwarding_status ON clients`);
    await q.query(`DROP FUNCTION clients_derive_forwarding_status()`);
    await q.query(`ALTER TABLE users DROP COLUMN last_login_at`);
    for (const column of ['number_release_reason', 'number_released_at', 'forwarding_verified_at', 'forwarding_verified']) {
      await q.query(`ALTER TABLE clients DROP COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE clients DROP CONSTRAINT clients_number_status_valid`);
    await q.query(`ALTER TABLE clients DROP COLUMN number_status`);
  }
}
