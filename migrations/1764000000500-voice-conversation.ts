import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMessagePurposes, removeMessagePurposes } from './support/message-purposes';

/**
 * Rachel's conversation.
 * - calls keeps what the call was about and how it ended (intent, outcome), the appointment it made,
 *   the voicemail recording, and a message taken by speech; (id, client_id) is unique so the
 *   transcript can reference a call of the same client.
 * - call_turns: the turn-by-turn transcript (caller and Rachel), tenant-owned under RLS.
 * - slot_holds: a slot Rachel offered a caller, held for that call until it expires, so neither a
 *   dashboard booking nor another caller can take it between the offer and the "yes". In the
 *   database (not process memory) so a hold made on one replica is respected by all. Two calls can
 *   never hold overlapping time: an exclusion constraint decides, like it does for appointments.
 * - clients gains the free text Rachel answers "what do you charge / what do you offer?" from
 *   (services_info) and the address she gives when asked where the business is (business_address).
 * - messages may now be an owner alert (a voicemail or a message taken for the owner).
 */
export class VoiceConversation1764000000500 implements MigrationInterface {
  name = 'VoiceConversation1764000000500';

  async up(q: QueryRunner): Promise<void> {
    const tenantId = `NULLIF(current_setting('app.client_id', true), '')::int`;
    await q.query(`ALTER TABLE calls ADD CONSTRAINT calls_id_client_id_key UNIQUE (id, client_id)`);
    await q.query(`ALTER TABLE calls ADD COLUMN intent VARCHAR(20)`);
    await q.query(`ALTER TABLE calls ADD COLUMN outcome VARCHAR(20)`);
    await q.query(
      `ALTER TABLE calls ADD CONSTRAINT calls_outcome_valid CHECK (outcome IN ('booked', 'cancelled', 'rescheduled', 'looked_up', 'answered', 'message', 'voicemail', 'owner', 'missed', 'abandoned', 'hung_up', 'unknown_caller'))`,
    );
    await q.query(`ALTER TABLE calls ADD COLUMN appointment_id INTEGER`);
    await q.query(
      `ALTER TABLE calls ADD CONSTRAINT calls_appointment_same_client FOREIGN KEY (appointment_id, client_id) REFERENCES appointments(id, client_id) ON DELETE SET NULL (appointment_id)`,
    );
    await q.query(`ALTER TABLE calls ADD COLUMN recording_sid VARCHAR(64)`);
    await q.query(`ALTER TABLE calls ADD COLUMN recording_url TEXT`);
    await q.query(`ALTER TABLE calls ADD COLUMN recording_duration INTEGER`);
    await q.query(`ALTER TABLE calls ADD COLUMN caller_message TEXT`);
    await q.query(`ALTER TABLE calls ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()`);
    await q.query(`CREATE INDEX idx_calls_client_outcome ON calls(client_id, outcome, created_at DESC)`);

    await q.query(`
      CREATE TABLE call_turns (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        call_id INTEGER NOT NULL,
        turn INTEGER NOT NULL,
        speaker VARCHAR(10) NOT NULL,
        line SMALLINT NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        confidence NUMERIC(4, 3),
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT call_turns_call_same_client FOREIGN KEY (call_id, client_id) REFERENCES calls(id, client_id) ON DELETE CASCADE,
        CONSTRAINT call_turns_speaker_valid CHECK (speaker IN ('caller', 'rachel')),
        -- Every line of a turn is kept (Rachel often says several); a retried turn writes none twice.
        CONSTRAINT call_turns_once UNIQUE (call_id, turn, speaker, line)
      )`);
    await q.query(`CREATE INDEX idx_call_turns_call ON call_turns(call_id, turn)`);

    await q.query(`
      CREATE TABLE slot_holds (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        call_sid VARCHAR(64) NOT NULL,
        starts_at TIMESTAMPTZ NOT NULL,
        ends_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT slot_holds_one_per_call UNIQUE (client_id, call_sid),
        CONSTRAINT slot_holds_range_valid CHECK (ends_at > starts_at),
        CONSTRAINT slot_holds_no_overlap EXCLUDE USING gist (client_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);

    await q.query(`ALTER TABLE clients ADD COLUMN services_info TEXT`);
    await q.query(`ALTER TABLE clients ADD COLUMN business_address TEXT`);

    await addMessagePurposes(q, ['owner_alert']);

    for (const table of ['call_turns', 'slot_holds']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ringlypro_app, ringlypro_platform`);
      await q.query(`GRANT USAGE, SELECT ON SEQUENCE ${table}_id_seq TO ringlypro_app, ringlypro_platform`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON ${table} TO ringlypro_app USING (client_id = ${tenantId}) WITH CHECK (client_id = ${tenantId})`);
      await q.query(`CREATE POLICY platform_access ON ${table} TO ringlypro_platform USING (true) WITH CHECK (true)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE slot_holds`);
    await q.query(`DROP TABLE call_turns`);
    await q.query(`DELETE FROM messages WHERE purpose = 'owner_alert'`);
    await removeMessagePurposes(q, ['owner_alert']);
    await q.query(`ALTER TABLE clients DROP COLUMN business_address`);
    await q.query(`ALTER TABLE clients DROP COLUMN services_info`);
    await q.query(`DROP INDEX idx_calls_client_outcome`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_appointment_same_client`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_outcome_valid`);
    for (const column of ['updated_at', 'caller_message', 'recording_duration', 'recording_url', 'recording_sid', 'appointment_id', 'outcome', 'intent']) {
      await q.query(`ALTER TABLE calls DROP COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_id_client_id_key`);
  }
}
