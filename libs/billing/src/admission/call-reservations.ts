import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import { CallAdmissionRecord } from '../entities/call-admission.entity';
import { type AdmissionWithAccount, type LockWhen, readAdmissionWithAccount } from './admission-with-account';

/**
 * A call that never reports its end stops holding credit after Twilio's default call time limit
 * (4 hours), so a lost status callback cannot pause Rachel for good.
 */
export const RESERVATION_TTL_MS = 4 * 3600 * 1000;

/**
 * SQL for the minutes the business $1's calls in progress hold: the running total its credit account
 * keeps (a trigger on call_admissions, migration 1764000000800) less what admissions older than the
 * reservation window — calls whose end was never reported — still count there. `since` is the window's
 * start; that range of the open-admissions index holds only such lost calls, never the calls in progress.
 */
function heldMinutesSql(since: string): string {
  return `(COALESCE((SELECT open_reserved_minutes FROM credit_accounts WHERE client_id = $1), 0)
         - COALESCE((SELECT SUM(reserved_minutes) FROM call_admissions WHERE client_id = $1 AND admitted AND settled_at IS NULL AND admitted_at <= ${since}), 0))`;
}

/** The current tenant's call admissions and the minutes they hold. Callers hold the account lock. */
@Injectable()
export class CallReservations {
  private readonly admissions = new TenantRepository(CallAdmissionRecord);

  find(callSid: string): Promise<CallAdmissionRecord | null> {
    return this.admissions.findOne({ call_sid: callSid });
  }

  /** The admission, with the account locked in the same round trip when `when` holds for it. */
  findLocking(callSid: string, when: LockWhen): Promise<AdmissionWithAccount | null> {
    return readAdmissionWithAccount(callSid, when);
  }

  /**
   * The admission decision for a call, made once per CallSid, in one statement: the row already
   * stored for it (a retried webhook), else a new row admitting the call when at least one minute of
   * `affordable` is not held by the business's calls in progress (and reserving that minute), or
   * refusing it. `recorded` is true when this call made the decision. Callers hold the account lock,
   * so the minutes it reads as held cannot change before its row is in.
   */
  async admitOnce(call: { callSid: string; from: string; affordable: number; at: Date }): Promise<{ admitted: boolean; recorded: boolean }> {
    const [row] = await this.admissions.sql<{ admitted: boolean; recorded: boolean }>(
      `WITH existing AS (
         SELECT admitted FROM call_admissions WHERE client_id = $1 AND call_sid = $2
       ), held AS (
         SELECT ${heldMinutesSql('$4::timestamptz')} AS minutes
       ), decided AS (
         INSERT INTO call_admissions (client_id, call_sid, from_number, admitted, reserved_minutes, admitted_at)
         SELECT $1::int, $2::varchar, $3::varchar, free >= 1, CASE WHEN free >= 1 THEN 1 ELSE 0 END, $5::timestamptz
           FROM (SELECT $6::int - minutes AS free FROM held) AS unheld
          WHERE NOT EXISTS (SELECT 1 FROM existing)
         RETURNING admitted
       )
       SELECT admitted, false AS recorded FROM existing
       UNION ALL
       SELECT admitted, true AS recorded FROM decided`,
      [call.callSid, call.from, new Date(call.at.getTime() - RESERVATION_TTL_MS), call.at, call.affordable],
    );
    return { admitted: row.admitted === true, recorded: row.recorded === true };
  }

  /** Rachel handed the call to the owner at `at`: it holds only the minutes begun until then. */
  async handOff(admission: CallAdmissionRecord, at: Date): Promise<void> {
    const minutes = Math.max(1, Math.ceil((at.getTime() - admission.admitted_at.getTime()) / 60_000));
    await this.admissions.update({ id: admission.id }, { handed_off_at: at, reserved_minutes: Math.min(admission.reserved_minutes, minutes) });
  }

  /**
   * Under the account lock: the call holds `wanted` minutes, as far as `affordable` less what the
   * business's other calls in progress hold allows, and never fewer than it holds already — the sum
   * of the others and the write in one statement. Returns the minutes it holds now, or null when it
   * was settled or handed off meanwhile (every writer of admissions holds the account lock, so this
   * statement sees them all).
   */
  async grow(admission: CallAdmissionRecord, wanted: number, affordable: number, now: Date): Promise<number | null> {
    const rows = await this.admissions.sql<{ holding: number }>(
      `WITH others AS (
         SELECT (${heldMinutesSql('$5::timestamptz')}
                 - COALESCE((SELECT reserved_minutes FROM call_admissions
                              WHERE client_id = $1 AND call_sid = $6 AND admitted AND settled_at IS NULL AND admitted_at > $5::timestamptz), 0))::int AS held),
       target AS (
         SELECT c.id, c.reserved_minutes, GREATEST(c.reserved_minutes, LEAST($3::int, $4::int - others.held)) AS holding
           FROM call_admissions c, others
          WHERE c.client_id = $1 AND c.id = $2 AND c.admitted AND c.settled_at IS NULL AND c.handed_off_at IS NULL),
       held AS (
         UPDATE call_admissions c SET reserved_minutes = target.holding FROM target
          WHERE c.client_id = $1 AND c.id = target.id AND target.holding <> target.reserved_minutes)
       SELECT holding FROM target`,
      [admission.id, wanted, affordable, new Date(now.getTime() - RESERVATION_TTL_MS), admission.call_sid],
    );
    return rows[0]?.holding ?? null;
  }
}
