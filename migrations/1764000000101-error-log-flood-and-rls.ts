import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * error_logs could be flooded (each 500 wrote a row) and was readable by every tenant.
 * - Identical errors (same fingerprint) within one minute share one row: `occurrences` counts them,
 *   `last_seen_at` says when the last came; the unique (fingerprint, window_start) makes the
 *   "insert or count" one atomic statement across replicas.
 * - Row-level security like the tenant tables: the tenant role sees only its own client's rows, so
 *   platform rows (client_id NULL) and other tenants' rows are invisible to it; the platform role
 *   (the error log writer and its purge) sees all.
 */
export class ErrorLogFloodAndRls1764000000101 implements MigrationInterface {
  name = 'ErrorLogFloodAndRls1764000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE error_logs ADD COLUMN fingerprint VARCHAR(64)`);
    await q.query(`ALTER TABLE error_logs ADD COLUMN window_start TIMESTAMPTZ`);
    await q.query(`ALTER TABLE error_logs ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE error_logs ADD COLUMN last_seen_at TIMESTAMPTZ NOT NULL DEFAULT NOW()`);
    await q.query(`CREATE UNIQUE INDEX error_logs_fingerprint_window_key ON error_logs(fingerprint, window_start)`);

    const tenantId = `NULLIF(current_setting('app.client_id', true), '')::int`;
    await q.query(`ALTER TABLE error_logs ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE error_logs FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON error_logs TO ringlypro_app USING (client_id = ${tenantId}) WITH CHECK (client_id = ${tenantId})`);
    await q.query(`CREATE POLICY platform_access ON error_logs TO ringlypro_platform USING (true) WITH CHECK (true)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS tenant_isolation ON error_logs`);
    await q.query(`DROP POLICY IF EXISTS platform_access ON error_logs`);
    await q.query(`ALTER TABLE error_logs NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE error_logs DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP INDEX error_logs_fingerprint_window_key`);
    for (const column of ['last_seen_at', 'occurrences', 'window_start', 'fingerprint']) await q.query(`ALTER TABLE error_logs DROP COLUMN ${column}`);
  }
}
