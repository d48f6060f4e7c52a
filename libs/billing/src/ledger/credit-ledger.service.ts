import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError, TenantRepository } from '@ringlypro/core';
import { type ClientView, TenantClientStore } from '@ringlypro/tenancy';
import { BillingSettings } from '../billing-settings';
import { CreditAccount } from '../entities/credit-account.entity';
import { type LedgerSource, UsageRecord } from '../entities/usage-record.entity';
import { formatMoney, type Micros, parseMoney } from '../money/money';
import { type AccountPosition, freeMinutesLeft, priceCall, priceText } from '../pricing/charge-arithmetic';
import { firstOfMonthAfter, localDateOf } from '../pricing/billing-month';
import { BillingNotices } from '../notices/billing-notices';
import { lockAccount } from './account-row';
import { type AccountAfterCharge, writeCallCharge } from './call-charge-statement';

/** The current tenant's account, locked for the rest of its transaction. */
export interface OpenAccount {
  account: CreditAccount;
  client: ClientView;
  now: Date;
  rate: Micros;
  position: AccountPosition;
  /** The business's local date now. */
  today: string;
}

export type LedgerResult = { outcome: 'recorded'; record: UsageRecord } | { outcome: 'duplicate'; record: UsageRecord };

/**
 * The one writer of credit accounts and the usage ledger. Every entry runs in the caller's tenant
 * transaction and starts by locking the business's account row (SELECT … FOR UPDATE): entries of one
 * business are serialized, so concurrent charges can neither lose an update nor spend the same cent,
 * and the idempotency check that follows the lock sees every committed entry. The unique keys on
 * (client_id, call_sid | message_sid | reference) are the backstop.
 */
@Injectable()
export class CreditLedger {
  private readonly accounts = new TenantRepository(CreditAccount);
  private readonly records = new TenantRepository(UsageRecord);

  constructor(
    private readonly store: TenantClientStore,
    private readonly clock: Clock,
    private readonly settings: BillingSettings,
    private readonly notices: BillingNotices,
  ) {}

  /** Locks the account and applies a monthly reset that is due (whether or not the reset job ran yet). */
  async open(): Promise<OpenAccount> {
    // The client's rate and timezone, read before the lock (from the cached view, usually no query at all).
    const client = await this.store.view();
    const account = await lockAccount();
    if (!account) throw new NotFoundError('Client not found');
    return this.opened(client, account);
  }

  /**
   * open() for an account row the caller has already locked (SELECT … FOR UPDATE) in a statement of
   * its own: billing reads a call's admission and locks the account in one round trip.
   */
  async openLocked(account: CreditAccount): Promise<OpenAccount> {
    return this.opened(await this.store.view(), account);
  }

  /** The locked account as of now, with a monthly reset that is due applied (whether or not the reset job ran yet). */
  private async opened(client: ClientView, account: CreditAccount): Promise<OpenAccount> {
    const now = this.clock.now();
    const timeZone = client.timezone || 'America/New_York';
    // One local date for every figure below (formatting it in the business's timezone is the costly part).
    const today = localDateOf(now, timeZone);
    const next = firstOfMonthAfter(today);
    if (today >= account.free_minutes_reset_date) {
      await this.accounts.update({ id: account.id }, { free_minutes_used: 0, free_minutes_reset_date: next });
      Object.assign(account, { free_minutes_used: 0, free_minutes_reset_date: next });
    } else if (account.free_minutes_reset_date > next) {
      // The column's default is computed from the server's UTC date at sign-up (or the business moved
      // timezone): a reset later than the next local 1st would stretch one allowance over two months.
      await this.accounts.update({ id: account.id }, { free_minutes_reset_date: next });
      account.free_minutes_reset_date = next;
    }
    return {
      account,
      client,
      now,
      rate: parseMoney(client.per_minute_rate ?? '0.10'),
      position: { balance: parseMoney(account.balance), freeMinutesUsed: account.free_minutes_used, freeAllowance: this.settings.freeMinutesPerMonth },
      today,
    };
  }

  /**
   * A finished call's minutes; `open` when the caller already holds the lock. `settles`: the call's
   * admission, settled (it holds nothing any more) in the same statement when the charge is recorded.
   */
  async chargeCall(callSid: string, durationSeconds: number, source: LedgerSource, open?: OpenAccount, settles?: { admissionId: number }): Promise<LedgerResult> {
    const o = open ?? (await this.open());
    const charge = priceCall(durationSeconds, o.position, o.rate);
    const after = this.accountAfter(o, { balance: charge.balanceAfter, freeMinutesUsed: charge.freeMinutesUsedAfter, minutes: charge.minutes, cost: charge.cost });
    // One statement: the line once per CallSid (the lock makes a duplicate's check see every committed
    // line; the unique key arbitrates), and with it the account and the admission.
    const record = await writeCallCharge(
      {
        call_sid: callSid,
        created_at: o.now,
        usage_type: 'voice_call',
        source,
        duration_seconds: durationSeconds,
        duration_minutes: String(charge.minutes),
        free_minutes_charged: charge.freeMinutes,
        paid_minutes_charged: charge.paidMinutes,
        cost: formatMoney(charge.cost),
        charged_from: charge.chargedFrom,
        balance_before: formatMoney(o.position.balance),
        balance_after: formatMoney(charge.balanceAfter),
        free_minutes_before: freeMinutesLeft(o.position),
        free_minutes_after: freeMinutesLeft({ ...o.position, freeMinutesUsed: charge.freeMinutesUsedAfter }),
      },
      { id: o.account.id, after },
      settles?.admissionId ?? null,
    );
    if (!record) {
      const existing = await this.records.findOne({ call_sid: callSid });
      if (!existing) throw new Error(`Usage record of ${callSid} conflicted but cannot be read`);
      return { outcome: 'duplicate', record: existing };
    }
    if (after.low_balance_notified) await this.notices.lowBalance(record.id, after.balance);
    return { outcome: 'recorded', record };
  }

  /** A text Twilio accepted, per segment at the configured rate. */
  async chargeText(messageSid: string, segments: number, source: LedgerSource): Promise<LedgerResult> {
    const o = await this.open();
    const existing = await this.records.findOne({ message_sid: messageSid });
    if (existing) return { outcome: 'duplicate', record: existing };
    const charge = priceText(segments, o.position.balance, this.settings.smsRatePerSegment);
    const free = freeMinutesLeft(o.position);
    const record = await this.records.insert({
      message_sid: messageSid,
      created_at: o.now,
      usage_type: 'sms',
      source,
      segments,
      cost: formatMoney(charge.cost),
      charged_from: charge.chargedFrom,
      balance_before: formatMoney(o.position.balance),
      balance_after: formatMoney(charge.balanceAfter),
      free_minutes_before: free,
      free_minutes_after: free,
    });
    await this.apply(o, { balance: charge.balanceAfter, freeMinutesUsed: o.position.freeMinutesUsed, minutes: 0, cost: charge.cost }, record);
    return { outcome: 'recorded', record };
  }

  /** Money into the paid balance: a Stripe purchase, a refund, test credit. Once per reference. */
  async credit(entry: { reference: string; amount: Micros; usageType: 'credit_purchase' | 'adjustment'; source: LedgerSource; reason: string | null }): Promise<LedgerResult> {
    const o = await this.open();
    const existing = await this.records.findOne({ reference: entry.reference });
    if (existing) return { outcome: 'duplicate', record: existing };
    const after = o.position.balance + entry.amount;
    const free = freeMinutesLeft(o.position);
    const record = await this.records.insert({
      reference: entry.reference,
      created_at: o.now,
      usage_type: entry.usageType,
      source: entry.source,
      credit_amount: formatMoney(entry.amount),
      charged_from: 'credit',
      balance_before: formatMoney(o.position.balance),
      balance_after: formatMoney(after),
      free_minutes_before: free,
      free_minutes_after: free,
      reason: entry.reason,
    });
    // A reload that lifts the balance back to the threshold re-arms the low-balance text.
    const rearm = o.account.low_balance_notified && after >= this.settings.lowBalanceThreshold;
    await this.accounts.update({ id: o.account.id }, { balance: formatMoney(after), ...(rearm ? { low_balance_notified: false } : {}) });
    return { outcome: 'recorded', record };
  }

  /** Goodwill: extra free minutes for the current month (they lapse at the reset like the allowance). */
  async grantMinutes(entry: { reference: string; minutes: number; source: LedgerSource; reason: string }): Promise<LedgerResult> {
    const o = await this.open();
    const existing = await this.records.findOne({ reference: entry.reference });
    if (existing) return { outcome: 'duplicate', record: existing };
    const usedAfter = o.position.freeMinutesUsed - entry.minutes;
    const balance = formatMoney(o.position.balance);
    const record = await this.records.insert({
      reference: entry.reference,
      created_at: o.now,
      usage_type: 'adjustment',
      source: entry.source,
      charged_from: 'credit',
      balance_before: balance,
      balance_after: balance,
      free_minutes_before: freeMinutesLeft(o.position),
      free_minutes_after: freeMinutesLeft({ ...o.position, freeMinutesUsed: usedAfter }),
      reason: entry.reason,
    });
    await this.accounts.update({ id: o.account.id }, { free_minutes_used: usedAfter });
    return { outcome: 'recorded', record };
  }

  /** The owner was told today that Rachel is paused. */
  async markPausedNotified(o: OpenAccount): Promise<void> {
    await this.accounts.update({ id: o.account.id }, { rachel_paused_notified_on: o.today });
  }

  /** Writes a charge to the account, and arms the low-balance text when it crosses the threshold. */
  private async apply(o: OpenAccount, charge: { balance: Micros; freeMinutesUsed: number; minutes: number; cost: Micros }, record: UsageRecord): Promise<void> {
    const after = this.accountAfter(o, charge);
    await this.accounts.update({ id: o.account.id }, after);
    if (after.low_balance_notified) await this.notices.lowBalance(record.id, after.balance);
  }

  /** The account's figures after a charge; low_balance_notified when the charge crosses the threshold with no free minute left. */
  private accountAfter(o: OpenAccount, after: { balance: Micros; freeMinutesUsed: number; minutes: number; cost: Micros }): AccountAfterCharge {
    const low =
      !o.account.low_balance_notified &&
      freeMinutesLeft({ freeMinutesUsed: after.freeMinutesUsed, freeAllowance: this.settings.freeMinutesPerMonth }) === 0 &&
      after.balance < this.settings.lowBalanceThreshold;
    return {
      balance: formatMoney(after.balance),
      free_minutes_used: after.freeMinutesUsed,
      total_minutes_used: o.account.total_minutes_used + after.minutes,
      total_amount_spent: formatMoney(parseMoney(o.account.total_amount_spent) + after.cost),
      last_usage_date: o.now,
      ...(low ? { low_balance_notified: true as const } : {}),
    };
  }
}
