import { Injectable } from '@nestjs/common';
import { CreditLedger } from '../ledger/credit-ledger.service';
import { BillingNotices } from '../notices/billing-notices';
import { affordableMinutes } from '../pricing/charge-arithmetic';
import { type AdmissionDecision, CallAdmission } from './call-admission';
import { CallReservations, RESERVATION_TTL_MS } from './call-reservations';

/** Minutes an admitted call holds beyond the one in progress, so Rachel always knows a little ahead. */
export const LOOKAHEAD_MINUTES = 2;

/**
 * The metered CallAdmission. Every decision runs under the business's account lock, so the minutes
 * held by its calls in progress never add up to more than it can pay for: a call is admitted only if
 * one more minute is affordable, and as it goes on it holds the minute in progress plus
 * LOOKAHEAD_MINUTES, as far as the credit not held by other calls allows. secondsLeft is what the
 * call holds and has not used yet — guaranteed, not an estimate.
 */
@Injectable()
export class MeteredCallAdmission extends CallAdmission {
  constructor(
    private readonly ledger: CreditLedger,
    private readonly reservations: CallReservations,
    private readonly notices: BillingNotices,
  ) {
    super();
  }

  async admit(call: { callSid: string; from: string }): Promise<AdmissionDecision> {
    const open = await this.ledger.open();
    const decision = await this.reservations.admitOnce({ callSid: call.callSid, from: call.from.slice(0, 32), affordable: affordableMinutes(open.position, open.rate), at: open.now });
    if (decision.admitted) return { admitted: true };
    // The owner hears of the pause when a call is first refused (a retried webhook's is not new).
    if (decision.recorded && open.account.rachel_paused_notified_on !== open.today) {
      await this.ledger.markPausedNotified(open);
      await this.notices.rachelPaused(open.today);
    }
    return { admitted: false, reason: 'no_credit' };
  }

  async secondsLeft(callSid: string): Promise<number> {
    const open = await this.ledger.open();
    const admission = await this.reservations.find(callSid);
    if (!admission?.admitted || admission.settled_at || admission.handed_off_at) return 0;
    const elapsedMs = open.now.getTime() - admission.admitted_at.getTime();
    if (elapsedMs >= RESERVATION_TTL_MS) return 0;
    const elapsed = Math.max(0, Math.floor(elapsedMs / 1000));
    const wanted = Math.floor(elapsed / 60) + 1 + LOOKAHEAD_MINUTES;
    const available = affordableMinutes(open.position, open.rate) - (await this.reservations.heldMinutes(open.now, callSid));
    const holding = Math.max(admission.reserved_minutes, Math.min(wanted, available));
    if (holding !== admission.reserved_minutes) await this.reservations.hold(admission.id, holding);
    return Math.max(0, holding * 60 - elapsed);
  }

  async handOff(callSid: string): Promise<void> {
    const open = await this.ledger.open();
    const admission = await this.reservations.find(callSid);
    if (!admission?.admitted || admission.settled_at || admission.handed_off_at) return;
    await this.reservations.handOff(admission, open.now);
  }
}
