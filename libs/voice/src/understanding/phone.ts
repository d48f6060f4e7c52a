import { TENS, UNITS } from './number-words';

/**
 * A phone number spoken as digits ("555-234-5678", "(555) 234 5678") or words ("five five five, two
 * three four, five six seven eight", "double five", "oh" for zero), as E.164. Ten digits (or eleven
 * starting with 1) are North American and get +1; a number said with "plus" keeps its country code.
 * Validity is exactly @ringlypro/core's `toE164` (NANP area code and exchange start 2–9), so a number
 * Rachel accepts is one the rest of the product accepts; the spec proves the two agree. It is restated
 * here so the understanding does not load core's whole module graph.
 */

const SEPARATOR = /^[-.,/()]+$/;
const MIN_INTERNATIONAL_DIGITS = 8;
const MAX_E164_DIGITS = 15;

export function understandPhone(lower: string): string | undefined {
  const tokens = lower.replace(/([(),])/g, ' $1 ').split(/\s+/).filter(Boolean);
  let best: string | undefined;
  let run = '';
  let plus = false;
  let repeat = 1;
  let afterTens = false;
  const finish = (): void => {
    const phone = toE164(run, plus);
    if (phone) best = phone;
    run = '';
    plus = false;
    repeat = 1;
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index].replace(/[.!?:;]+$/, '');
    if (token.startsWith('+') && token.length > 1) {
      if (run) finish();
      plus = true;
    }
    const digits = spokenDigits(token, run.length > 0 || isDigitToken(tokens[index + 1]));
    const wasAfterTens = afterTens;
    afterTens = token in TENS;
    if (digits !== undefined && wasAfterTens && token in UNITS && UNITS[token] < 10) {
      // "thirty four" is 34, not 304.
      run = run.slice(0, -1) + digits;
    } else if (digits !== undefined) {
      run += digits.repeat(repeat);
      repeat = 1;
    } else if (token === 'double' || token === 'triple') {
      repeat = token === 'double' ? 2 : 3;
    } else if (token === 'plus' || token === '+') {
      if (run) finish();
      plus = true;
    } else if (token === 'hundred' && run) {
      run += '00';
    } else if (SEPARATOR.test(token) || token === 'dash') {
      continue;
    } else if (run) {
      finish();
    }
  }
  if (run) finish();
  return best;
}

function isDigitToken(token: string | undefined): boolean {
  return token !== undefined && spokenDigits(token.replace(/[.!?:;,]+$/, ''), false) !== undefined;
}

/** Digits a token stands for: "5", "555-1234", "+1", "five", "oh" (zero, only inside a number), "twelve". */
function spokenDigits(token: string, insideNumber: boolean): string | undefined {
  const plain = token.replace(/^\+/, '');
  if (/^\d[\d-.]*$/.test(plain)) return plain.replace(/\D/g, '');
  if (token in UNITS) return String(UNITS[token]);
  if (token in TENS) return String(TENS[token]);
  const [tens, unit] = token.split('-');
  if (tens in TENS && unit in UNITS && UNITS[unit] < 10) return String(TENS[tens] + UNITS[unit]);
  if ((token === 'oh' || token === 'o') && insideNumber) return '0';
  return undefined;
}

const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;

function toE164(digits: string, plus: boolean): string | undefined {
  if (plus) {
    if (digits.startsWith('1')) return NANP.test(digits.slice(1)) ? `+${digits}` : undefined;
    const international = digits.length >= MIN_INTERNATIONAL_DIGITS && digits.length <= MAX_E164_DIGITS && digits[0] !== '0';
    return international ? `+${digits}` : undefined;
  }
  if (digits.length === 10 && NANP.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && NANP.test(digits.slice(1))) return `+${digits}`;
  return undefined;
}
