import { Injectable } from '@nestjs/common';
import { Clock } from '@ringlypro/core';
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
    private readonly clock: Clock,
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

  /**
   * The hold only changes by the call's own actions, so while it covers the minutes wanted the figure
   * follows from the admission row alone — one statement, no lock. When it must grow (each new minute,
   * and the first turn), the same statement has locked the account; the growth is one more.
   */
  async secondsLeft(callSid: string): Promise<number> {
    const now = this.clock.now();
    const found = await this.reservations.findLocking(callSid, {
      kind: 'hold-ends-by',
      holdEndsBy: new Date(now.getTime() + LOOKAHEAD_MINUTES * 60_000),
      since: new Date(now.getTime() - RESERVATION_TTL_MS),
    });
    const admission = found?.admission;
    if (!found || !admission?.admitted || admission.settled_at || admission.handed_off_at) return 0;
    const elapsedMs = now.getTime() - admission.admitted_at.getTime();
    if (elapsedMs >= RESERVATION_TTL_MS) return 0;
    const elapsed = Math.max(0, Math.floor(elapsedMs / 1000));
    const wanted = Math.floor(elapsed / 60) + 1 + LOOKAHEAD_MINUTES;
    let holding = admission.reserved_minutes;
    if (holding < wanted) {
      // The read locked the account when the hold ends within the lookahead, which is when it falls
      // short; should the two ever disagree at a boundary, the lock is taken here.
      const open = found.account ? await this.ledger.openLocked(found.account) : await this.ledger.open();
      const held = await this.reservations.grow(admission, wanted, affordableMinutes(open.position, open.rate), now);
      if (held === null) return 0;
      holding = held;
    }
    return Math.max(0, holding * 60 - elapsed);
  }

  async handOff(callSid: string): Promise<void> {
    const open = await this.ledger.open();
    const admission = await this.reservations.find(callSid);
    if (!admission?.admitted || admission.settled_at || admission.handed_off_at) return;
    await this.reservations.handOff(admission, open.now);
  }
}
