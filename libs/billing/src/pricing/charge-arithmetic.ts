import { type Micros } from '../money/money';

export type ChargedFrom = 'free_tier' | 'paid_balance' | 'mixed';

/** The account as a charge finds it. */
export interface AccountPosition {
  balance: Micros;
  freeMinutesUsed: number;
  /** The month's allowance (BILLING_FREE_MINUTES_PER_MONTH). */
  freeAllowance: number;
}

export interface CallCharge {
  minutes: number;
  freeMinutes: number;
  paidMinutes: number;
  cost: Micros;
  chargedFrom: ChargedFrom;
  balanceAfter: Micros;
  freeMinutesUsedAfter: number;
}

/** Free minutes still available this month; goodwill minutes can push used below zero, so left may exceed the allowance. */
export function freeMinutesLeft(position: Pick<AccountPosition, 'freeMinutesUsed' | 'freeAllowance'>): number {
  return Math.max(0, position.freeAllowance - position.freeMinutesUsed);
}

/** Whole minutes, rounded up: 1 s is a minute, 60 s is one, 61 s is two; 0 s is none. */
export function billableMinutes(durationSeconds: number): number {
  if (!Number.isSafeInteger(durationSeconds) || durationSeconds < 0) throw new Error(`Invalid call duration ${durationSeconds}`);
  return Math.ceil(durationSeconds / 60);
}

/**
 * A finished call's charge: free minutes first, the rest at `rate` per minute from the paid balance.
 * The call has already happened, so the charge is never refused; admission and reservation are what
 * keep a business from running up a debt, and a wrap-up overrun can leave the balance slightly negative.
 */
export function priceCall(durationSeconds: number, position: AccountPosition, rate: Micros): CallCharge {
  const minutes = billableMinutes(durationSeconds);
  const freeMinutes = Math.min(minutes, freeMinutesLeft(position));
  const paidMinutes = minutes - freeMinutes;
  const cost = BigInt(paidMinutes) * rate;
  return {
    minutes,
    freeMinutes,
    paidMinutes,
    cost,
    chargedFrom: paidMinutes === 0 ? 'free_tier' : freeMinutes === 0 ? 'paid_balance' : 'mixed',
    balanceAfter: position.balance - cost,
    freeMinutesUsedAfter: position.freeMinutesUsed + freeMinutes,
  };
}

export interface TextCharge {
  cost: Micros;
  chargedFrom: 'free_tier' | 'paid_balance';
  balanceAfter: Micros;
}

/** Texts are priced per segment from the paid balance; at the default rate of 0 they cost nothing. */
export function priceText(segments: number, balance: Micros, ratePerSegment: Micros): TextCharge {
  if (!Number.isSafeInteger(segments) || segments < 0) throw new Error(`Invalid segment count ${segments}`);
  const cost = BigInt(segments) * ratePerSegment;
  return { cost, chargedFrom: cost === 0n ? 'free_tier' : 'paid_balance', balanceAfter: balance - cost };
}

/** An effectively unlimited number of minutes, for a business whose rate is 0. */
export const UNLIMITED_MINUTES = 1_000_000;

/** How many whole minutes the account can pay for now: free ones plus what the paid balance covers. */
export function affordableMinutes(position: AccountPosition, rate: Micros): number {
  if (rate <= 0n) return UNLIMITED_MINUTES;
  const paid = position.balance > 0n ? Number(position.balance / rate) : 0;
  return Math.min(UNLIMITED_MINUTES, freeMinutesLeft(position) + paid);
}
