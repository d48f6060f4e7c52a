import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose every row belongs to one client; row-level security confines them to it. */
const TENANT_TABLES = ['appointments', 'calls', 'messages', 'contacts', 'credit_accounts', 'usage_records'];
const ALL_TABLES = ['users', 'clients', 'error_logs', 'login_failures', ...TENANT_TABLES];

/**
 * Accounts and tenant isolation.
 *
 * - users.role ('owner' | 'admin') and users.active: platform admins, and deactivated users whose
 *   tokens stop working at once.
 * - clients.preferred_area_code: the area code asked for at sign-up, for number provisioning.
 * - login_failures: failed logins per (email, ip), for the 15-minute lockout; shared by all replicas.
 * - Row-level security, the backstop under the tenant-scoped repository. Two NOLOGIN roles:
 *     ringlypro_app      — every tenant request and job; sees only rows whose client_id equals
 *                          current_setting('app.client_id'), which the app sets per transaction;
 *     ringlypro_platform — the few named cross-tenant paths (webhook number lookup, registration,
 *                          admin listing, scheduled resets, demo data).
 *   The login role switches into one of them with SET LOCAL ROLE inside each transaction. ENABLE +
 *   FORCE applies the policies to the table owner too, so only the superuser (migrations, tests)
 *   bypasses them. NULLIF(…, '') because an unset custom setting reads as '' once used in a session.
 */
export class Tenancy1764000000001 implements MigrationInterface {
  name = 'Tenancy1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN role VARCHAR(20) NOT NULL DEFAULT 'owner'`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_valid CHECK (role IN ('owner', 'admin'))`);
    await q.query(`ALTER TABLE users ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE`);
    await q.query(`ALTER TABLE clients ADD COLUMN preferred_area_code VARCHAR(3)`);
    await q.query(`
      CREATE TABLE login_failures (
        id BIGSERIAL PRIMARY KEY,
        email VARCHAR(255) NOT NULL,
        ip VARCHAR(64) NOT NULL,
        failed_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
      )`);
    await q.query(`CREATE INDEX idx_login_failures_lookup ON login_failures(email, ip, failed_at DESC)`);

    // Roles are cluster-wide: another database on the same server may have created them already.
    for (const role of ['ringlypro_app', 'ringlypro_platform']) {
      await q.query(`
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
            CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
          END IF;
        END $$`);
      // The login role must be able to SET ROLE into it (a no-op for a superuser).
      await q.query(`DO $$ BEGIN EXECUTE format('GRANT ${role} TO %I', current_user); EXCEPTION WHEN OTHERS THEN NULL; END $$`);
      await q.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${ALL_TABLES.join(', ')} TO ${role}`);
      await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    }
    // Cross-tenant paths that create clients with explicit ids (demo data) move the id sequence on.
    await q.query(`GRANT UPDATE ON SEQUENCE clients_id_seq TO ringlypro_platform`);
    // Tenant requests read their own client row and owner, never anyone's credentials table at large.
    await q.query(`REVOKE ALL ON users, login_failures FROM ringlypro_app`);
    await q.query(`GRANT SELECT, UPDATE ON users TO ringlypro_app`);
    await q.query(`REVOKE INSERT, DELETE ON clients FROM ringlypro_app`);

    const tenantId = `NULLIF(current_setting('app.client_id', true), '')::int`;
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON ${table} TO ringlypro_app USING (client_id = ${tenantId}) WITH CHECK (client_id = ${tenantId})`);
      await q.query(`CREATE POLICY platform_access ON ${table} TO ringlypro_platform USING (true) WITH CHECK (true)`);
    }
    // The tenant table itself: a tenant sees and edits only its own row.
    await q.query(`ALTER TABLE clients ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE clients FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON clients TO ringlypro_app USING (id = ${tenantId}) WITH CHECK (id = ${tenantId})`);
    await q.query(`CREATE POLICY platform_access ON clients TO ringlypro_platform USING (true) WITH CHECK (true)`);
    // A tenant may read only its owner's user row.
    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_owner ON users TO ringlypro_app USING (id IN (SELECT user_id FROM clients WHERE id = ${tenantId}))`);
    await q.query(`CREATE POLICY platform_access ON users TO ringlypro_platform USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'clients', ...TENANT_TABLES]) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS tenant_owner ON ${table}`);
      await q.query(`DROP POLICY IF EXISTS platform_access ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const role of ['ringlypro_app', 'ringlypro_platform']) {
      await q.query(`REVOKE ALL ON ${ALL_TABLES.join(', ')} FROM ${role}`);
      await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await q.query(`REVOKE ALL ON SCHEMA public FROM ${role}`);
      // Other databases on the server may still use the role; then it stays.
      await q.query(`DO $$ BEGIN DROP ROLE ${role}; EXCEPTION WHEN OTHERS THEN NULL; END $$`);
    }
    await q.query(`DROP TABLE login_failures`);
    await q.query(`ALTER TABLE clients DROP COLUMN preferred_area_code`);
    await q.query(`ALTER TABLE users DROP COLUMN active`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_role_valid`);
    await q.query(`ALTER TABLE users DROP COLUMN role`);
  }
}
