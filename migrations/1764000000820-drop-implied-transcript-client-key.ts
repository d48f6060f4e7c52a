import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * call_turns.client_id → clients(id) is implied: call_turns_call_same_client ties (call_id, client_id)
 * to a call of that same business, and calls.client_id references clients. So a transcript line can
 * name no business that lacks the call, and no client can be deleted while its calls (and so their
 * lines, which cascade with them) remain. The redundant key cost every line a second referential check —
 * a key-share lock on the business's clients row, shared with the call's own inserts — two or more
 * lines per turn of every call, under concurrent transactions of one business a multixact each time.
 */
export class DropImpliedTranscriptClientKey1764000000820 implements MigrationInterface {
  name = 'DropImpliedTranscriptClientKey1764000000820';

  async up(q: QueryRunner): Promise<void> {
    // Dropping the key locks call_turns and clients (its triggers live there) exclusively: behind a long
    // transaction, every read of clients would queue behind it. Fail fast instead; the next start retries.
    await q.query(`SET LOCAL lock_timeout = '5s'`);
    await q.query(`ALTER TABLE call_turns DROP CONSTRAINT call_turns_client_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE call_turns ADD CONSTRAINT call_turns_client_id_fkey FOREIGN KEY (client_id) REFERENCES clients(id)`);
  }
}
