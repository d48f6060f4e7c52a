import { Injectable } from '@nestjs/common';
import { CallReservations } from '../admission/call-reservations';
import type { CallAdmissionRecord } from '../entities/call-admission.entity';
import { CreditLedger } from '../ledger/credit-ledger.service';

export type CallChargeOutcome = 'charged' | 'duplicate' | 'not_admitted';

/** Twilio ends any call at 24 hours (the longest TimeLimit it accepts); no report can bill more. */
export const LONGEST_CALL_SECONDS = 24 * 60 * 60;

/**
 * The seconds of a call that were Rachel's: all of Twilio's CallDuration, or — when she put the caller
 * through to the owner — only the time until then (Rachel answers at once, so admission ≈ call start).
 * Without a readable CallDuration the call still happened: it is billed for the time from admission
 * to the end report, rather than for nothing (a free call for anyone who could garble the report).
 */
function rachelSeconds(admission: CallAdmissionRecord, durationSeconds: number | null, endedAt: Date): number {
  const measured = Math.max(1, Math.ceil((endedAt.getTime() - admission.admitted_at.getTime()) / 1000));
  const total = Math.min(durationSeconds ?? measured, LONGEST_CALL_SECONDS);
  if (!admission.handed_off_at) return total;
  const untilHandOff = Math.max(1, Math.ceil((admission.handed_off_at.getTime() - admission.admitted_at.getTime()) / 1000));
  return Math.min(total, untilHandOff);
}

/**
 * What telephony and messaging report to billing: a call ended, a text was accepted. Runs inside the
 * business's tenant transaction. Only calls billing admitted to Rachel are charged — a forwarded call
 * (Rachel off, or refused for credit) has no admission and costs nothing — and each CallSid or
 * MessageSid is charged once however often it is reported.
 */
@Injectable()
export class UsageMeter {
  constructor(
    private readonly ledger: CreditLedger,
    private readonly reservations: CallReservations,
  ) {}

  /** Twilio reported the call finished (`/voice/status`), with its CallDuration in seconds (null: unreadable). */
  async callEnded(call: { callSid: string; durationSeconds: number | null }): Promise<CallChargeOutcome> {
    // Admission is decided before the call can end, so it is read first; the account is locked in the
    // same round trip only for a call there is something to charge for.
    const found = await this.reservations.findLocking(call.callSid, { kind: 'unsettled' });
    const admission = found?.admission;
    if (!found || !admission?.admitted) return 'not_admitted';
    // An admission is settled only together with its call's charge: this report is a repeat.
    if (admission.settled_at) return 'duplicate';
    const open = found.account ? await this.ledger.openLocked(found.account) : await this.ledger.open();
    const result = await this.ledger.chargeCall(call.callSid, rachelSeconds(admission, call.durationSeconds, open.now), 'metered', open, { admissionId: admission.id });
    return result.outcome === 'recorded' ? 'charged' : 'duplicate';
  }

  /** Twilio accepted an outbound text of `segments` segments. */
  async textSent(text: { messageSid: string; segments: number }): Promise<'charged' | 'duplicate'> {
    const result = await this.ledger.chargeText(text.messageSid, text.segments, 'metered');
    return result.outcome === 'recorded' ? 'charged' : 'duplicate';
  }
}
