/**
 * Money as an exact integer count of micro-dollars (1e-6 USD) in a bigint. NUMERIC columns hold the
 * decimal strings; every sum, product and comparison happens on these integers, never on floats.
 * Six decimals cover every rate we store (per_minute_rate has three, text rates at most four).
 */
export type Micros = bigint;

const SCALE = 1_000_000n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "0.100" → 100000n. Digits past the sixth decimal are refused rather than silently rounded. */
export function parseMoney(value: string | number | null | undefined): Micros {
  if (value === null || value === undefined || value === '') return 0n;
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new Error(`Not a decimal amount: ${JSON.stringify(value)}`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > 6) throw new Error(`More than 6 decimals: ${text}`);
  const micros = BigInt(m[2]) * SCALE + BigInt(fraction.padEnd(6, '0') || '0');
  return m[1] ? -micros : micros;
}

/** 9900000n → "9.90"; 105000n → "0.105": at least two decimals, more only when they carry value. */
export function formatMoney(micros: Micros): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / SCALE;
  let fraction = (abs % SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** A formatted amount as people write it: "-2.10" → "-$2.10", "12.40" → "$12.40". */
export function dollarsText(amount: string): string {
  return amount.startsWith('-') ? `-$${amount.slice(1)}` : `$${amount}`;
}

/** Whole dollars (a Stripe pack) or cents (Stripe's amount_total) to micros. */
export const dollars = (n: number): Micros => BigInt(n) * SCALE;
export const cents = (n: number): Micros => BigInt(n) * 10_000n;

export const minMicros = (a: Micros, b: Micros): Micros => (a < b ? a : b);
export const maxMicros = (a: Micros, b: Micros): Micros => (a > b ? a : b);
