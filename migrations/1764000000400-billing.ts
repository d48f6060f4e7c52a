import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMessagePurposes, removeMessagePurposes } from './support/message-purposes';

/**
 * Billing: the usage ledger becomes the one idempotent record of every change to a credit account.
 *
 * - usage_records is keyed per tenant by call_sid, message_sid and reference (a Stripe Checkout
 *   session, an adjustment's key), so a retried webhook or replayed event finds its row and changes
 *   nothing. It also records credits (purchases, adjustments), the free and paid parts of a mixed
 *   call, text segments, and why an adjustment was made.
 * - call_admissions: one row per call that asked to reach Rachel — the decision (so a retried webhook
 *   gets the same one) and the minutes it holds while it lasts, so concurrent calls cannot spend the
 *   same credit. A call with no admitted row is never charged. handed_off_at: when Rachel put the caller
 *   through to the owner; the call is charged only up to then (the owner's own conversation is not AI).
 * - credit_accounts.rachel_paused_notified_on: the business's local date of the last "Rachel is paused"
 *   text, so the owner hears it at most once a day.
 * - messages.purpose gains 'billing' for those texts to the owner.
 */
export class Billing1764000000400 implements MigrationInterface {
  name = 'Billing1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE usage_records DROP CONSTRAINT usage_records_type_valid`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_type_valid CHECK (usage_type IN ('voice_call', 'sms', 'credit_purchase', 'adjustment'))`);
    await q.query(`ALTER TABLE usage_records DROP CONSTRAINT usage_records_charged_from_valid`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_charged_from_valid CHECK (charged_from IN ('free_tier', 'paid_balance', 'mixed', 'credit'))`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN free_minutes_charged INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN paid_minutes_charged INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN segments INTEGER`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN credit_amount NUMERIC NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN reference VARCHAR(255)`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN reason TEXT`);
    await q.query(`ALTER TABLE usage_records ADD COLUMN source VARCHAR(20) NOT NULL DEFAULT 'metered'`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_source_valid CHECK (source IN ('metered', 'manual', 'stripe', 'admin', 'test'))`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_client_call_sid_key UNIQUE (client_id, call_sid)`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_client_message_sid_key UNIQUE (client_id, message_sid)`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_client_reference_key UNIQUE (client_id, reference)`);

    await q.query(`ALTER TABLE credit_accounts ADD COLUMN rachel_paused_notified_on DATE`);

    await q.query(`
      CREATE TABLE call_admissions (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        call_sid VARCHAR(64) NOT NULL,
        from_number VARCHAR(32),
        admitted BOOLEAN NOT NULL,
        reserved_minutes INTEGER NOT NULL DEFAULT 0,
        admitted_at TIMESTAMPTZ NOT NULL,
        handed_off_at TIMESTAMPTZ,
        settled_at TIMESTAMPTZ,
        CONSTRAINT call_admissions_client_call_sid_key UNIQUE (client_id, call_sid),
        CONSTRAINT call_admissions_reserved_valid CHECK (reserved_minutes >= 0)
      )`);
    // Admission sums the minutes held by a business's calls still in progress.
    await q.query(`CREATE INDEX idx_call_admissions_open ON call_admissions(client_id) WHERE admitted AND settled_at IS NULL`);

    const tenantId = `NULLIF(current_setting('app.client_id', true), '')::int`;
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON call_admissions TO ringlypro_app, ringlypro_platform`);
    await q.query(`GRANT USAGE, SELECT ON SEQUENCE call_admissions_id_seq TO ringlypro_app, ringlypro_platform`);
    await q.query(`ALTER TABLE call_admissions ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE call_admissions FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON call_admissions TO ringlypro_app USING (client_id = ${tenantId}) WITH CHECK (client_id = ${tenantId})`);
    await q.query(`CREATE POLICY platform_access ON call_admissions TO ringlypro_platform USING (true) WITH CHECK (true)`);

    await addMessagePurposes(q, ['billing']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM messages WHERE purpose = 'billing'`);
    await removeMessagePurposes(q, ['billing']);
    await q.query(`DROP TABLE call_admissions`);
    await q.query(`ALTER TABLE credit_accounts DROP COLUMN rachel_paused_notified_on`);
    for (const c of ['usage_records_client_reference_key', 'usage_records_client_message_sid_key', 'usage_records_client_call_sid_key', 'usage_records_source_valid']) {
      await q.query(`ALTER TABLE usage_records DROP CONSTRAINT ${c}`);
    }
    for (const c of ['source', 'reason', 'reference', 'credit_amount', 'segments', 'paid_minutes_charged', 'free_minutes_charged']) {
      await q.query(`ALTER TABLE usage_records DROP COLUMN ${c}`);
    }
    await q.query(`ALTER TABLE usage_records DROP CONSTRAINT usage_records_charged_from_valid`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_charged_from_valid CHECK (charged_from IN ('free_tier', 'paid_balance', 'mixed'))`);
    await q.query(`ALTER TABLE usage_records DROP CONSTRAINT usage_records_type_valid`);
    await q.query(`ALTER TABLE usage_records ADD CONSTRAINT usage_records_type_valid CHECK (usage_type IN ('voice_call', 'sms'))`);
  }
}
