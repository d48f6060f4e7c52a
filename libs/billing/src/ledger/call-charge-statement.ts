import { TenantContext } from '@ringlypro/core';
import type { UsageRecord } from '../entities/usage-record.entity';

/** The ledger line of a call charge, as CreditLedger.chargeCall computes it. */
export type CallChargeLine = Pick<
  UsageRecord,
  | 'call_sid'
  | 'created_at'
  | 'usage_type'
  | 'source'
  | 'duration_seconds'
  | 'duration_minutes'
  | 'free_minutes_charged'
  | 'paid_minutes_charged'
  | 'cost'
  | 'charged_from'
  | 'balance_before'
  | 'balance_after'
  | 'free_minutes_before'
  | 'free_minutes_after'
>;

/** What a charge writes to the account row (the same values CreditLedger's apply writes). */
export interface AccountAfterCharge {
  balance: string;
  free_minutes_used: number;
  total_minutes_used: number;
  total_amount_spent: string;
  last_usage_date: Date;
  /** Set only when the charge arms the low-balance text. */
  low_balance_notified?: true;
}

const LINE_COLUMNS = [
  'call_sid',
  'created_at',
  'usage_type',
  'source',
  'duration_seconds',
  'duration_minutes',
  'free_minutes_charged',
  'paid_minutes_charged',
  'cost',
  'charged_from',
  'balance_before',
  'balance_after',
  'free_minutes_before',
  'free_minutes_after',
] as const satisfies ReadonlyArray<keyof CallChargeLine>;

// Every column of the entity, money as decimal text, as TypeORM hydrates a UsageRecord on either engine.
const RECORD_COLUMNS = `id, client_id, call_sid, message_sid, reference, usage_type, source, duration_seconds,
  duration_minutes::text AS duration_minutes, free_minutes_charged, paid_minutes_charged, segments, cost::text AS cost,
  credit_amount::text AS credit_amount, charged_from, balance_before::text AS balance_before,
  balance_after::text AS balance_after, free_minutes_before, free_minutes_after, reason, created_at`;

/**
 * A call's charge in one statement, under the account lock the caller holds: the ledger line (once
 * per CallSid — a line already there is left alone), and only if it was written, the account's new
 * figures and the settling of the call's admission (it holds nothing any more). Returns the line, or
 * null when the CallSid was charged before. Runs on the tenant transaction: every row it writes or
 * updates is named by the tenant's client_id ($1), and row-level security checks each again.
 */
export async function writeCallCharge(line: CallChargeLine, account: { id: number; after: AccountAfterCharge }, settleAdmissionId: number | null): Promise<UsageRecord | null> {
  const { manager, clientId } = TenantContext.current();
  const params: unknown[] = [clientId, ...LINE_COLUMNS.map((column) => line[column])];
  const values = LINE_COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
  const next = (value: unknown) => `$${params.push(value)}`;
  const after = Object.entries(account.after).map(([column, value]) => `${column} = ${next(value)}`);
  const settle =
    settleAdmissionId === null
      ? ''
      : `, settled AS (UPDATE call_admissions SET settled_at = ${next(line.created_at)}, reserved_minutes = 0 WHERE client_id = $1 AND id = ${next(settleAdmissionId)} AND EXISTS (SELECT 1 FROM line))`;
  const rows: UsageRecord[] = await manager.query(
    `WITH line AS (
       INSERT INTO usage_records (client_id, ${LINE_COLUMNS.join(', ')}) VALUES ($1, ${values}) ON CONFLICT DO NOTHING RETURNING ${RECORD_COLUMNS}),
     account AS (
       UPDATE credit_accounts SET ${after.join(', ')}, updated_at = CURRENT_TIMESTAMP WHERE client_id = $1 AND id = ${next(account.id)} AND EXISTS (SELECT 1 FROM line))${settle}
     SELECT * FROM line`,
    params,
  );
  return rows[0] ?? null;
}
