import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a client row (number, active, rachel_enabled, greeting, …) notifies
 * `ringlypro_clients` with the client's id, at commit. Each replica's webhook number cache
 * (ClientNumberDirectory) listens and drops that client, so the next webhook anywhere sees the change
 * without a transaction per webhook. A TRUNCATE notifies '*' (drop everything). Rolled-back changes
 * notify nothing: Postgres delivers NOTIFY only on commit.
 */
export class ClientChangeNotify1764000000720 implements MigrationInterface {
  name = 'ClientChangeNotify1764000000720';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ringlypro_notify_client_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('ringlypro_clients', '*');
        ELSE
          PERFORM pg_notify('ringlypro_clients', COALESCE(NEW.id, OLD.id)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER clients_notify_change AFTER INSERT OR UPDATE OR DELETE ON clients FOR EACH ROW EXECUTE FUNCTION ringlypro_notify_client_change()`);
    await q.query(`CREATE TRIGGER clients_notify_truncate AFTER TRUNCATE ON clients FOR EACH STATEMENT EXECUTE FUNCTION ringlypro_notify_client_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER clients_notify_truncate ON clients`);
    await q.query(`DROP TRIGGER clients_notify_change ON clients`);
    await q.query(`DROP FUNCTION ringlypro_notify_client_change()`);
  }
}
