/**
 * Phone numbers are stored and compared as E.164 (+1XXXXXXXXXX). RinglyPro serves US/Canada (NANP)
 * businesses, so 10-digit and 1-prefixed 11-digit inputs are read as NANP; any other input must
 * already carry its + and country code.
 */
const E164 = /^\+[1-9]\d{7,14}$/;
// NANP: area code and exchange both start 2-9.
const NANP = /^([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** Returns the E.164 form of a common US format ("(656) 600-1400", "656.600.1400", "+1 656 600 1400"), or null. */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length > 32) return null;
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  const hasPlus = trimmed.startsWith('+');
  const digits = trimmed.replace(/\D/g, '');
  if (hasPlus) {
    if (digits.startsWith('1')) return NANP.test(digits.slice(1)) ? `+${digits}` : null;
    return E164.test(`+${digits}`) ? `+${digits}` : null;
  }
  if (digits.length === 10 && NANP.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && NANP.test(digits.slice(1))) return `+${digits}`;
  return null;
}

/**
 * A North American (NANP: US, Canada and the +1 Caribbean) number in E.164. The rule for a business's
 * own lines — business_phone and owner_phone — because RinglyPro provisions US numbers, forwards with
 * US carrier codes and dials the owner from a US number. Customers' numbers may be anywhere.
 */
export function isNorthAmericanE164(value: unknown): value is string {
  return typeof value === 'string' && /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(value);
}

/** The NANP area code of an E.164 number, or null for numbers outside +1. */
export function areaCodeOf(e164: string): string | null {
  const m = /^\+1([2-9]\d{2})\d{7}$/.exec(e164);
  return m ? m[1] : null;
}
