import { TenantContext } from '@ringlypro/core';
import type { CreditAccount } from '../entities/credit-account.entity';

/**
 * The credit account's columns for hand-written statements, each named `account_<column>`, so they can
 * sit beside another table's in one row. Dates come as 'YYYY-MM-DD' and money as decimal text, as
 * TypeORM hydrates the entity on either engine.
 */
export const ACCOUNT_COLUMNS = `a.id AS account_id, a.client_id AS account_client_id, a.balance::text AS account_balance,
  a.free_minutes_used AS account_free_minutes_used, a.free_minutes_reset_date::text AS account_free_minutes_reset_date,
  a.total_minutes_used AS account_total_minutes_used, a.total_amount_spent::text AS account_total_amount_spent,
  a.last_usage_date AS account_last_usage_date, a.low_balance_notified AS account_low_balance_notified,
  a.rachel_paused_notified_on::text AS account_rachel_paused_notified_on, a.created_at AS account_created_at,
  a.updated_at AS account_updated_at`;

/** The account in a row selected with ACCOUNT_COLUMNS; null when the row has none (a LEFT JOIN that found nothing). */
export function accountOf(row: Record<string, unknown>): CreditAccount | null {
  if (row.account_id === null || row.account_id === undefined) return null;
  return {
    id: row.account_id,
    client_id: row.account_client_id,
    balance: row.account_balance,
    free_minutes_used: row.account_free_minutes_used,
    free_minutes_reset_date: row.account_free_minutes_reset_date,
    total_minutes_used: row.account_total_minutes_used,
    total_amount_spent: row.account_total_amount_spent,
    last_usage_date: row.account_last_usage_date,
    low_balance_notified: row.account_low_balance_notified,
    rachel_paused_notified_on: row.account_rachel_paused_notified_on,
    created_at: row.account_created_at,
    updated_at: row.account_updated_at,
  } as CreditAccount;
}

/**
 * The current tenant's account, locked (FOR UPDATE) for the rest of its transaction; null when the
 * business has none. Hand-written because every call and text takes this lock: TypeORM's builder and
 * hydration cost more Node CPU than the statement costs Postgres. Scoped by the tenant's client_id and,
 * again, by row-level security.
 */
export async function lockAccount(): Promise<CreditAccount | null> {
  const { manager, clientId } = TenantContext.current();
  const rows: Array<Record<string, unknown>> = await manager.query(`SELECT ${ACCOUNT_COLUMNS} FROM credit_accounts a WHERE a.client_id = $1 FOR UPDATE`, [clientId]);
  return rows[0] ? accountOf(rows[0]) : null;
}
