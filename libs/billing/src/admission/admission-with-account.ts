import { TenantContext } from '@ringlypro/core';
import type { CallAdmissionRecord } from '../entities/call-admission.entity';
import type { CreditAccount } from '../entities/credit-account.entity';
import { ACCOUNT_COLUMNS, accountOf } from '../ledger/account-row';

/** A call's admission, and the business's credit account when the same statement locked it. */
export interface AdmissionWithAccount {
  admission: CallAdmissionRecord;
  /** Locked (FOR UPDATE) for the rest of the transaction; null when the admission did not call for the lock. */
  account: CreditAccount | null;
}

/** When the account is locked together with the admission read: a condition on the admission row `adm`. */
export type LockWhen =
  /** The call was admitted and not yet charged. */
  | { kind: 'unsettled' }
  /** The call is still Rachel's (admitted, not settled, not handed off, admitted after `since`) and its hold ends by `holdEndsBy`. */
  | { kind: 'hold-ends-by'; holdEndsBy: Date; since: Date };

const ADMISSION_COLUMNS = `adm.id, adm.client_id, adm.call_sid, adm.from_number, adm.admitted, adm.reserved_minutes, adm.admitted_at, adm.handed_off_at, adm.settled_at`;

function lockCondition(when: LockWhen, params: unknown[]): string {
  if (when.kind === 'unsettled') return 'adm.admitted AND adm.settled_at IS NULL';
  params.push(when.holdEndsBy, when.since);
  const n = params.length;
  return `adm.admitted AND adm.settled_at IS NULL AND adm.handed_off_at IS NULL AND adm.admitted_at > $${n}
    AND adm.admitted_at + make_interval(mins => adm.reserved_minutes) <= $${n - 1}`;
}

/**
 * Reads the current tenant's admission of `callSid` and — in the same round trip, only when `when`
 * holds for it — locks the business's credit account as CreditLedger.open would. A call that needs no
 * lock (never admitted, already charged, or holding enough) takes none; one that does saves a trip.
 *
 * The admission row is as it was when the statement started: a writer that held the lock meanwhile
 * may have changed it, so what is written under the lock must check the row again (see
 * CallReservations.grow and the ledger's settle-on-charge). Runs on the tenant transaction: both tables
 * are named by the tenant's client_id ($1), and row-level security scopes them again.
 */
export async function readAdmissionWithAccount(callSid: string, when: LockWhen): Promise<AdmissionWithAccount | null> {
  const { manager, clientId } = TenantContext.current();
  const params: unknown[] = [clientId, callSid];
  const condition = lockCondition(when, params);
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${ADMISSION_COLUMNS}, acct.*
       FROM call_admissions adm
       LEFT JOIN LATERAL (SELECT ${ACCOUNT_COLUMNS} FROM credit_accounts a WHERE a.client_id = $1 AND ${condition} FOR UPDATE OF a) acct ON true
      WHERE adm.client_id = $1 AND adm.call_sid = $2`,
    params,
  );
  const row = rows[0];
  if (!row) return null;
  const admission = {
    id: row.id,
    client_id: row.client_id,
    call_sid: row.call_sid,
    from_number: row.from_number,
    admitted: row.admitted,
    reserved_minutes: row.reserved_minutes,
    admitted_at: row.admitted_at,
    handed_off_at: row.handed_off_at,
    settled_at: row.settled_at,
  } as CallAdmissionRecord;
  return { admission, account: accountOf(row) };
}
