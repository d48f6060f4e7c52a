import type { TenantDatabase } from '@ringlypro/core';

/** A business whose open-minutes counter disagreed with its open admissions, and was set to them. */
export interface OpenMinutesDrift {
  client_id: number;
  counter: number;
  actual: number;
}

/**
 * Sets each business's open-minutes counter (credit_accounts.open_reserved_minutes, kept by a trigger
 * since migration 1764000000800) to the sum it stands for, and reports the ones that differed. The
 * trigger keeps them equal; this is the repair for whatever bypassed it (a data-only restore, triggers
 * disabled, a hand-edited row) — `npm run billing:recount-open-minutes`.
 *
 * One business at a time, each in a transaction of its own on the 'open-minutes-recount' platform
 * path (it reads every business's account): its account row is
 * locked first — every writer of admissions holds that lock, so nothing moves the sum meanwhile — and
 * the sum is read by a statement that starts after the lock was granted (a statement that waited for it
 * would still read its older snapshot).
 */
export async function recountOpenMinutes(db: TenantDatabase): Promise<OpenMinutesDrift[]> {
  const accounts: Array<{ client_id: number }> = await db.platform('open-minutes-recount', (m) => m.query(`SELECT client_id FROM credit_accounts ORDER BY client_id`));
  const drifts: OpenMinutesDrift[] = [];
  for (const { client_id } of accounts) {
    const drift = await db.platform('open-minutes-recount', async (m): Promise<OpenMinutesDrift | null> => {
      const [locked] = await m.query(`SELECT open_reserved_minutes AS counter FROM credit_accounts WHERE client_id = $1 FOR UPDATE`, [client_id]);
      if (!locked) return null;
      const [{ actual }] = await m.query(
        `SELECT COALESCE(SUM(reserved_minutes), 0)::int AS actual FROM call_admissions WHERE client_id = $1 AND admitted AND settled_at IS NULL`,
        [client_id],
      );
      if (actual === locked.counter) return null;
      await m.query(`UPDATE credit_accounts SET open_reserved_minutes = $2 WHERE client_id = $1`, [client_id, actual]);
      return { client_id, counter: locked.counter, actual };
    });
    if (drift) drifts.push(drift);
  }
  return drifts;
}
