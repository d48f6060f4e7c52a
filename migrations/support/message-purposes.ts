import type { QueryRunner } from 'typeorm';

/**
 * Rewrites messages_purpose_valid from its current definition rather than a fixed list, so migrations
 * that each extend the purposes (billing, voice, owner notices…) keep one another's values whatever
 * order they were written or reverted in.
 */
async function replacePurposes(q: QueryRunner, change: (purposes: string[]) => string[]): Promise<void> {
  const [row] = (await q.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'messages_purpose_valid' AND conrelid = 'messages'::regclass`,
  )) as Array<{ def: string }>;
  const current = [...(row?.def ?? '').matchAll(/'([a-z_-]+)'/g)].map((m) => m[1]);
  const next = change(current);
  await q.query(`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_purpose_valid`);
  await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_purpose_valid CHECK (purpose IN (${next.map((p) => `'${p}'`).join(', ')}))`);
}

export const addMessagePurposes = (q: QueryRunner, added: string[]) => replacePurposes(q, (purposes) => [...new Set([...purposes, ...added])]);

export const removeMessagePurposes = (q: QueryRunner, removed: string[]) => replacePurposes(q, (purposes) => purposes.filter((p) => !removed.includes(p)));
