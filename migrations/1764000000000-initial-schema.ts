import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seed document's eight tables (clients, appointments, calls, messages, contacts, users,
 * credit_accounts, usage_records) including its Task 1 Twilio tracking fields, plus error_logs.
 *
 * Where the seed schema is wrong for a multi-tenant system it is fixed here, deliberately:
 *  1. appointments: the seed's `UNIQUE (appointment_date, appointment_time)` is global, so two different
 *     businesses could never both book 10:00 on the same day, and it ignored duration (a 60-minute
 *     10:00 booking did not block 10:30). Replaced by starts_at/ends_at (timestamptz, derived by a
 *     trigger from date + time + duration in the client's timezone) and an exclusion constraint:
 *     no two non-cancelled appointments of the same client may overlap.
 *  2. contacts: the seed's global UNIQUE on phone and on email let one business's customer block the
 *     same person at every other business. Now unique per (client_id, phone) and per
 *     (client_id, lower(email)).
 *  3. clients.ringlypro_number was NOT NULL, but a client has no number until provisioning finishes
 *     (forwarding_status 'pending'); it is nullable and UNIQUE, because an inbound call's dialed number
 *     must resolve to exactly one business.
 *  4. Foreign keys the seed left implicit: clients.user_id → users, appointments.contact_id → a contact
 *     *of the same client* (composite key, so an appointment can never point at another tenant's contact).
 *  5. error_logs, for the seed's "log errors to database".
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE users (
        id SERIAL PRIMARY KEY,
        email VARCHAR(255) NOT NULL UNIQUE,
        password_hash VARCHAR(255) NOT NULL,
        first_name VARCHAR(100),
        last_name VARCHAR(100),
        business_name VARCHAR(255),
        business_phone VARCHAR(20),
        business_type VARCHAR(100),
        website_url VARCHAR(500),
        phone_number VARCHAR(20),
        business_description TEXT,
        business_hours JSONB,
        services TEXT,
        terms_accepted BOOLEAN DEFAULT FALSE,
        free_trial_minutes INTEGER DEFAULT 100,
        onboarding_completed BOOLEAN DEFAULT FALSE,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);

    await q.query(`
      CREATE TABLE clients (
        id SERIAL PRIMARY KEY,
        business_name VARCHAR(255) NOT NULL,
        business_phone VARCHAR(20) NOT NULL UNIQUE,
        ringlypro_number VARCHAR(20) UNIQUE,
        owner_name VARCHAR(255) NOT NULL,
        owner_phone VARCHAR(20) NOT NULL,
        owner_email VARCHAR(255) NOT NULL,
        custom_greeting TEXT DEFAULT 'Thank you for calling. I''m Rachel, your virtual assistant.',
        business_hours_start TIME DEFAULT '09:00:00',
        business_hours_end TIME DEFAULT '17:00:00',
        business_days VARCHAR(20) DEFAULT 'Mon-Fri',
        timezone VARCHAR(50) DEFAULT 'America/New_York',
        appointment_duration INTEGER DEFAULT 30,
        booking_enabled BOOLEAN DEFAULT TRUE,
        sms_notifications BOOLEAN DEFAULT TRUE,
        monthly_free_minutes INTEGER DEFAULT 100,
        per_minute_rate NUMERIC DEFAULT 0.100,
        rachel_enabled BOOLEAN DEFAULT TRUE,
        active BOOLEAN DEFAULT TRUE,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        updated_at TIMESTAMPTZ DEFAULT NOW(),
        user_id INTEGER REFERENCES users(id),
        CONSTRAINT clients_business_hours_order CHECK (business_hours_end > business_hours_start),
        CONSTRAINT clients_appointment_duration_range CHECK (appointment_duration BETWEEN 5 AND 480)
      )`);
    await q.query(`CREATE INDEX idx_clients_user_id ON clients(user_id)`);

    // --- Seed Task 1: Twilio tracking fields, written as the seed wrote them (idempotent ALTERs).
    await q.query(`
      ALTER TABLE clients
        ADD COLUMN IF NOT EXISTS twilio_number_sid VARCHAR(50),
        ADD COLUMN IF NOT EXISTS forwarding_status VARCHAR(20) DEFAULT 'pending'`);
    await q.query(`CREATE INDEX IF NOT EXISTS idx_clients_twilio_sid ON clients(twilio_number_sid)`);
    await q.query(`COMMENT ON COLUMN clients.twilio_number_sid IS 'Twilio number SID (PN...) for API control'`);
    await q.query(`COMMENT ON COLUMN clients.forwarding_status IS 'Status: pending, active, inactive, failed'`);
    // 'failed' joins the seed's three states: provisioning that exhausted its retries must be visible.
    await q.query(`
      ALTER TABLE clients ADD CONSTRAINT clients_forwarding_status_valid
        CHECK (forwarding_status IN ('pending', 'active', 'inactive', 'failed'))`);
    // The seed's idx_clients_ringlypro_number is subsumed by the UNIQUE constraint's index.

    await q.query(`
      CREATE TABLE contacts (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        first_name VARCHAR(255) NOT NULL,
        last_name VARCHAR(255) NOT NULL,
        phone VARCHAR(255) NOT NULL,
        email VARCHAR(255),
        notes TEXT,
        status VARCHAR(20) DEFAULT 'active',
        source VARCHAR(255) DEFAULT 'manual',
        last_contacted_at TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        -- Target of appointments' composite foreign key: a contact is addressed together with its tenant.
        CONSTRAINT contacts_id_client_id_key UNIQUE (id, client_id)
      )`);
    await q.query(`CREATE INDEX idx_contacts_client_id ON contacts(client_id)`);
    await q.query(`CREATE UNIQUE INDEX contacts_client_phone_key ON contacts(client_id, phone)`);
    await q.query(`CREATE UNIQUE INDEX contacts_client_email_key ON contacts(client_id, lower(email))`);

    await q.query(`
      CREATE TABLE appointments (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        contact_id INTEGER,
        customer_name VARCHAR(255) NOT NULL,
        customer_phone VARCHAR(255) NOT NULL,
        customer_email VARCHAR(255),
        appointment_date DATE NOT NULL,
        appointment_time TIME NOT NULL,
        duration INTEGER NOT NULL DEFAULT 60,
        purpose VARCHAR(255) DEFAULT 'General Consultation',
        status VARCHAR(20) DEFAULT 'confirmed',
        source VARCHAR(20) DEFAULT 'voice_booking',
        confirmation_code VARCHAR(20) UNIQUE,
        call_sid VARCHAR(255),
        reminder_sent BOOLEAN DEFAULT FALSE,
        confirmation_sent BOOLEAN DEFAULT FALSE,
        notes TEXT,
        starts_at TIMESTAMPTZ NOT NULL,
        ends_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT appointments_status_valid CHECK (status IN ('confirmed', 'pending', 'cancelled', 'completed')),
        CONSTRAINT appointments_source_valid CHECK (source IN ('voice_booking', 'manual', 'web', 'sms')),
        CONSTRAINT appointments_duration_positive CHECK (duration > 0),
        CONSTRAINT appointments_contact_same_client FOREIGN KEY (contact_id, client_id)
          REFERENCES contacts(id, client_id) ON DELETE SET NULL (contact_id),
        CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
          client_id WITH =,
          tstzrange(starts_at, ends_at, '[)') WITH &&
        ) WHERE (status <> 'cancelled')
      )`);
    await q.query(`CREATE INDEX idx_appointments_client_id ON appointments(client_id)`);
    await q.query(`CREATE INDEX idx_appointments_client_starts_at ON appointments(client_id, starts_at)`);
    await q.query(`COMMENT ON COLUMN appointments.starts_at IS 'UTC instant of appointment_date + appointment_time in the client''s timezone; set by trigger'`);
    await q.query(`COMMENT ON COLUMN appointments.ends_at IS 'starts_at + duration minutes; set by trigger'`);

    // One derivation of the instants, in the database, so no writer can store a local time that
    // disagrees with its UTC range. SECURITY DEFINER lets it read the client's timezone whatever
    // row-level policies the calling role is under; search_path is pinned because of that.
    await q.query(`
      CREATE FUNCTION appointments_derive_instants() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        zone TEXT;
      BEGIN
        SELECT COALESCE(timezone, 'America/New_York') INTO zone FROM clients WHERE id = NEW.client_id;
        IF zone IS NULL THEN
          RAISE EXCEPTION 'client % does not exist', NEW.client_id USING ERRCODE = 'foreign_key_violation';
        END IF;
        NEW.starts_at := (NEW.appointment_date + NEW.appointment_time) AT TIME ZONE zone;
        NEW.ends_at := NEW.starts_at + make_interval(mins => NEW.duration);
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER appointments_derive_instants
        BEFORE INSERT OR UPDATE OF client_id, appointment_date, appointment_time, duration ON appointments
        FOR EACH ROW EXECUTE FUNCTION appointments_derive_instants()`);

    await q.query(`
      CREATE TABLE calls (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        twilio_call_sid VARCHAR(255) UNIQUE,
        direction VARCHAR(20) NOT NULL,
        from_number VARCHAR(255) NOT NULL,
        to_number VARCHAR(255) NOT NULL,
        status VARCHAR(20) DEFAULT 'queued',
        duration INTEGER,
        start_time TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT calls_direction_valid CHECK (direction IN ('inbound', 'outbound'))
      )`);
    await q.query(`CREATE INDEX idx_calls_client_id ON calls(client_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE messages (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        twilio_sid VARCHAR(255) UNIQUE,
        direction VARCHAR(20) NOT NULL,
        from_number VARCHAR(255) NOT NULL,
        to_number VARCHAR(255) NOT NULL,
        body TEXT NOT NULL,
        status VARCHAR(20) DEFAULT 'queued',
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
        CONSTRAINT messages_direction_valid CHECK (direction IN ('inbound', 'outbound'))
      )`);
    await q.query(`CREATE INDEX idx_messages_client_id ON messages(client_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE credit_accounts (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL UNIQUE REFERENCES clients(id),
        balance NUMERIC DEFAULT 0.00,
        free_minutes_used INTEGER DEFAULT 0,
        free_minutes_reset_date DATE DEFAULT date_trunc('month', CURRENT_DATE + INTERVAL '1 month'),
        total_minutes_used INTEGER DEFAULT 0,
        total_amount_spent NUMERIC DEFAULT 0.00,
        last_usage_date TIMESTAMPTZ,
        low_balance_notified BOOLEAN DEFAULT FALSE,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        updated_at TIMESTAMPTZ DEFAULT NOW()
      )`);

    await q.query(`
      CREATE TABLE usage_records (
        id SERIAL PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        call_sid VARCHAR(255),
        message_sid VARCHAR(255),
        usage_type VARCHAR(20) NOT NULL,
        duration_seconds INTEGER,
        duration_minutes NUMERIC,
        cost NUMERIC DEFAULT 0.0000,
        charged_from VARCHAR(20) NOT NULL,
        balance_before NUMERIC,
        balance_after NUMERIC,
        free_minutes_before INTEGER,
        free_minutes_after INTEGER,
        created_at TIMESTAMPTZ DEFAULT NOW(),
        CONSTRAINT usage_records_type_valid CHECK (usage_type IN ('voice_call', 'sms')),
        CONSTRAINT usage_records_charged_from_valid CHECK (charged_from IN ('free_tier', 'paid_balance', 'mixed'))
      )`);
    await q.query(`CREATE INDEX idx_usage_records_client_id ON usage_records(client_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE error_logs (
        id BIGSERIAL PRIMARY KEY,
        client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
        request_id VARCHAR(64),
        source VARCHAR(20) NOT NULL DEFAULT 'http',
        method VARCHAR(10),
        path VARCHAR(2048),
        status_code INTEGER,
        error_name VARCHAR(255),
        message TEXT NOT NULL,
        stack TEXT,
        context JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
    await q.query(`CREATE INDEX idx_error_logs_created_at ON error_logs(created_at DESC)`);
    await q.query(`CREATE INDEX idx_error_logs_request_id ON error_logs(request_id)`);
    await q.query(`COMMENT ON TABLE error_logs IS 'Unexpected errors with full detail; clients only ever see the request_id'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['error_logs', 'usage_records', 'credit_accounts', 'messages', 'calls', 'appointments', 'contacts', 'clients', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS appointments_derive_instants()`);
    // btree_gist is left installed: other schemas in the same database may rely on it.
  }
}
