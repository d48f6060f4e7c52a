import { CallAdmission, UsageMeter } from '@ringlypro/billing';
import { TenantDatabase } from '@ringlypro/core';
import type { TestApp } from '../support/test-app';

/** Arranges a business's account directly (as the superuser): the state a test starts from. */
export async function setAccount(t: TestApp, clientId: number, state: { balance?: string; free_minutes_used?: number; low_balance_notified?: boolean }): Promise<void> {
  const sets = Object.keys(state).map((k, i) => `${k} = $${i + 2}`);
  await t.dataSource.query(`UPDATE credit_accounts SET ${sets.join(', ')} WHERE client_id = $1`, [clientId, ...Object.values(state)]);
}

export async function account(t: TestApp, clientId: number) {
  const [row] = await t.dataSource.query(
    `SELECT balance::text, free_minutes_used, total_minutes_used, total_amount_spent::text, low_balance_notified, free_minutes_reset_date::text AS reset_date
       FROM credit_accounts WHERE client_id = $1`,
    [clientId],
  );
  return row as { balance: string; free_minutes_used: number; total_minutes_used: number; total_amount_spent: string; low_balance_notified: boolean; reset_date: string };
}

export const ledgerRows = (t: TestApp, clientId: number) =>
  t.dataSource.query(`SELECT * FROM usage_records WHERE client_id = $1 ORDER BY id`, [clientId]) as Promise<Array<Record<string, unknown>>>;

/** Billing's ports, called as telephony and voice call them: inside the business's tenant scope. */
export function billingPorts(t: TestApp, clientId: number) {
  const db = t.app.get(TenantDatabase);
  const admission = t.app.get(CallAdmission);
  const meter = t.app.get(UsageMeter);
  return {
    admit: (callSid: string, from = '+13105550199') => db.run(clientId, () => admission.admit({ callSid, from })),
    secondsLeft: (callSid: string) => db.run(clientId, () => admission.secondsLeft(callSid)),
    callEnded: (callSid: string, durationSeconds: number) => db.run(clientId, () => meter.callEnded({ callSid, durationSeconds })),
    textSent: (messageSid: string, segments: number) => db.run(clientId, () => meter.textSent({ messageSid, segments })),
  };
}

let sequence = 0;
/** A CallSid as Twilio writes them: CA and 32 hex digits. */
export function callSid(): string {
  sequence += 1;
  return `CA${Date.now().toString(16).padStart(16, '0')}${sequence.toString(16).padStart(16, '0')}`;
}
