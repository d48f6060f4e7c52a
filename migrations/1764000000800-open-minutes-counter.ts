import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The minutes a business's calls in progress hold, kept on its credit account
 * (credit_accounts.open_reserved_minutes) by a trigger on call_admissions, instead of summed over
 * its open admissions by every admission decision and every minute a call grows. Under load those
 * sums read every call still open — hundreds for a busy business, since a call stays open until its
 * status callback — and were the costliest statements of Rachel's greeting and turns.
 *
 * The counter counts every admitted, unsettled admission, whatever its age. A call whose end was
 * never reported stops holding credit after four hours (CallReservations' RESERVATION_TTL_MS): the
 * readers subtract those with the index below, which now leads with admitted_at so that only they are
 * read, not the calls in progress.
 *
 * The trigger runs as the writer's role, so row-level security scopes its update to the admission's
 * own business. Every writer of admissions in the product already holds that account's row lock
 * (CreditLedger), so the update takes no new lock and changes no lock order; it does write the
 * account row once more per admission write.
 *
 * The backfill runs with row-level security not forced, so a migration role that owns the tables but
 * is not a superuser (managed Postgres) sees every row; the migration fails if any counter then
 * differs from its sum. A TRUNCATE of the admissions zeroes every counter — and fails, rather than
 * leave counters behind, when run by a role that row-level security would hide accounts from.
 */
export class OpenMinutesCounter1764000000800 implements MigrationInterface {
  name = 'OpenMinutesCounter1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_accounts ADD COLUMN open_reserved_minutes INTEGER NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE call_admissions NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE credit_accounts NO FORCE ROW LEVEL SECURITY`);
    await q.query(`
      UPDATE credit_accounts a SET open_reserved_minutes = held.minutes
        FROM (SELECT client_id, SUM(reserved_minutes)::int AS minutes FROM call_admissions WHERE admitted AND settled_at IS NULL GROUP BY client_id) held
       WHERE a.client_id = held.client_id`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM credit_accounts a
                    WHERE a.open_reserved_minutes <> COALESCE((SELECT SUM(c.reserved_minutes) FROM call_admissions c
                                                                WHERE c.client_id = a.client_id AND c.admitted AND c.settled_at IS NULL), 0)) THEN
          RAISE EXCEPTION 'open_reserved_minutes backfill does not match the open admissions';
        END IF;
      END $$`);
    await q.query(`ALTER TABLE credit_accounts FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE call_admissions FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE FUNCTION ringlypro_track_open_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        released integer := 0;
        held integer := 0;
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          IF row_security_active('credit_accounts') THEN
            RAISE EXCEPTION 'TRUNCATE call_admissions as a role that sees every credit account (the open-minutes counters must be zeroed with it)';
          END IF;
          UPDATE credit_accounts SET open_reserved_minutes = 0 WHERE open_reserved_minutes <> 0;
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          IF OLD.admitted AND OLD.settled_at IS NULL THEN released := OLD.reserved_minutes; END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          IF NEW.admitted AND NEW.settled_at IS NULL THEN held := NEW.reserved_minutes; END IF;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.client_id <> NEW.client_id THEN
          UPDATE credit_accounts SET open_reserved_minutes = open_reserved_minutes - released WHERE client_id = OLD.client_id AND released <> 0;
          released := 0;
        END IF;
        IF held <> released THEN
          UPDATE credit_accounts SET open_reserved_minutes = open_reserved_minutes + held - released WHERE client_id = COALESCE(NEW.client_id, OLD.client_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER call_admissions_open_minutes AFTER INSERT OR DELETE OR UPDATE OF client_id, admitted, reserved_minutes, settled_at ON call_admissions FOR EACH ROW EXECUTE FUNCTION ringlypro_track_open_minutes()`,
    );
    await q.query(`CREATE TRIGGER call_admissions_open_minutes_truncate AFTER TRUNCATE ON call_admissions FOR EACH STATEMENT EXECUTE FUNCTION ringlypro_track_open_minutes()`);
    await q.query(`DROP INDEX idx_call_admissions_open`);
    await q.query(`CREATE INDEX idx_call_admissions_open ON call_admissions(client_id, admitted_at) WHERE admitted AND settled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_call_admissions_open`);
    await q.query(`CREATE INDEX idx_call_admissions_open ON call_admissions(client_id) WHERE admitted AND settled_at IS NULL`);
    await q.query(`DROP TRIGGER call_admissions_open_minutes_truncate ON call_admissions`);
    await q.query(`DROP TRIGGER call_admissions_open_minutes ON call_admissions`);
    await q.query(`DROP FUNCTION ringlypro_track_open_minutes()`);
    await q.query(`ALTER TABLE credit_accounts DROP COLUMN open_reserved_minutes`);
  }
}
