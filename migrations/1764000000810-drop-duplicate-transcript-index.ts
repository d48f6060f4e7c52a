import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * idx_call_turns_call (call_id, turn) is a prefix of the unique key call_turns_once
 * (call_id, turn, speaker, line), which serves every read the transcript has (a call's lines in order,
 * a relay turn's lines). Each transcript line — two or more per turn of every call — paid for a second
 * index entry no query needed.
 */
export class DropDuplicateTranscriptIndex1764000000810 implements MigrationInterface {
  name = 'DropDuplicateTranscriptIndex1764000000810';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_call_turns_call`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_call_turns_call ON call_turns(call_id, turn)`);
  }
}
