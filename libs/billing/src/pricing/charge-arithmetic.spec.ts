import { formatMoney, parseMoney } from '../money/money';
import { affordableMinutes, billableMinutes, priceCall, priceText, UNLIMITED_MINUTES } from './charge-arithmetic';

const RATE = parseMoney('0.10');
const position = (balance: string, freeMinutesUsed: number, freeAllowance = 100) => ({ balance: parseMoney(balance), freeMinutesUsed, freeAllowance });

describe('charge arithmetic', () => {
  it.each([
    [0, 0],
    [1, 1],
    [59, 1],
    [60, 1],
    [61, 2],
    [119, 2],
    [120, 2],
    [3601, 61],
  ])('rounds %i s up to %i whole minutes', (seconds, minutes) => expect(billableMinutes(seconds)).toBe(minutes));

  it('refuses negative or fractional durations', () => {
    expect(() => billableMinutes(-1)).toThrow();
    expect(() => billableMinutes(1.5)).toThrow();
  });

  it('free-only: a call within the allowance costs nothing and uses free minutes', () => {
    const c = priceCall(125, position('10.00', 40), RATE);
    expect(c).toMatchObject({ minutes: 3, freeMinutes: 3, paidMinutes: 0, cost: 0n, chargedFrom: 'free_tier', freeMinutesUsedAfter: 43 });
    expect(formatMoney(c.balanceAfter)).toBe('10.00');
  });

  it('paid-only: with the allowance used up every minute comes from the balance', () => {
    const c = priceCall(300, position('10.00', 100), RATE);
    expect(c).toMatchObject({ minutes: 5, freeMinutes: 0, paidMinutes: 5, chargedFrom: 'paid_balance', freeMinutesUsedAfter: 100 });
    expect(formatMoney(c.cost)).toBe('0.50');
    expect(formatMoney(c.balanceAfter)).toBe('9.50');
  });

  it('mixed: a call crossing the allowance records both parts', () => {
    const c = priceCall(4 * 60 + 1, position('1.00', 98), RATE);
    expect(c).toMatchObject({ minutes: 5, freeMinutes: 2, paidMinutes: 3, chargedFrom: 'mixed', freeMinutesUsedAfter: 100 });
    expect(formatMoney(c.cost)).toBe('0.30');
    expect(formatMoney(c.balanceAfter)).toBe('0.70');
  });

  it('exactly zero remaining: the last free minute, then exactly the last paid cents', () => {
    expect(priceCall(60, position('0.00', 99), RATE)).toMatchObject({ chargedFrom: 'free_tier', freeMinutesUsedAfter: 100, balanceAfter: 0n });
    const last = priceCall(180, position('0.30', 100), RATE);
    expect(last.balanceAfter).toBe(0n);
    expect(affordableMinutes(position('0.30', 100), RATE)).toBe(3);
    expect(affordableMinutes(position('0.29', 100), RATE)).toBe(2);
    expect(affordableMinutes(position('0.00', 100), RATE)).toBe(0);
  });

  it('an overrun past the balance is recorded honestly, never refused (the call happened)', () => {
    expect(formatMoney(priceCall(120, position('0.10', 100), RATE).balanceAfter)).toBe('-0.10');
  });

  it('rate changes: each charge uses the rate in force when it is made, to the sub-cent', () => {
    const before = priceCall(600, position('5.00', 100), RATE);
    const after = priceCall(600, position(formatMoney(before.balanceAfter), 100), parseMoney('0.125'));
    expect(formatMoney(before.cost)).toBe('1.00');
    expect(formatMoney(after.cost)).toBe('1.25');
    expect(formatMoney(after.balanceAfter)).toBe('2.75');
  });

  it('a zero rate makes paid minutes free and affordability unlimited', () => {
    expect(priceCall(600, position('0.00', 100), 0n)).toMatchObject({ paidMinutes: 10, cost: 0n, chargedFrom: 'paid_balance' });
    expect(affordableMinutes(position('0.00', 100), 0n)).toBe(UNLIMITED_MINUTES);
  });

  it('goodwill minutes (used below zero) count as free minutes left', () => {
    expect(priceCall(600, position('0.00', -20), RATE)).toMatchObject({ freeMinutes: 10, paidMinutes: 0, freeMinutesUsedAfter: -10 });
    expect(affordableMinutes(position('0.00', -20), RATE)).toBe(120);
  });

  it('a negative balance affords no paid minute', () => {
    expect(affordableMinutes(position('-0.40', 100), RATE)).toBe(0);
    expect(affordableMinutes(position('-0.40', 97), RATE)).toBe(3);
  });

  it('prices texts per segment, free at the default rate', () => {
    expect(priceText(3, parseMoney('1.00'), 0n)).toEqual({ cost: 0n, chargedFrom: 'free_tier', balanceAfter: parseMoney('1.00') });
    const t = priceText(3, parseMoney('1.00'), parseMoney('0.0079'));
    expect(formatMoney(t.cost)).toBe('0.0237');
    expect(t).toMatchObject({ chargedFrom: 'paid_balance', balanceAfter: parseMoney('0.9763') });
  });
});
