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
 * readers subtract those few with the index below, which now leads with admitted_at so that range
 * is found without reading the rest.
 *
 * The trigger runs as the writer's role, so row-level security scopes its update to the admission's
 * own business; every writer of admissions already holds that account's row lock (CreditLedger), so
 * the update adds no lock and no lock-order change. A TRUNCATE of the admissions zeroes every counter.
 */
export class OpenMinutesCounter1764000000800 implements MigrationInterface {
  name = 'OpenMinutesCounter1764000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_accounts ADD COLUMN open_reserved_minutes INTEGER NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE credit_accounts a SET open_reserved_minutes = held.minutes
        FROM (SELECT client_id, SUM(reserved_minutes)::int AS minutes FROM call_admissions WHERE admitted AND settled_at IS NULL GROUP BY client_id) held
       WHERE a.client_id = held.client_id`);
    await q.query(`
      CREATE FUNCTION ringlypro_track_open_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        released integer := 0;
        held integer := 0;
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
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
