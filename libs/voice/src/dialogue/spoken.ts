/**
 * How Rachel says dates, times and codes on a phone line. Pure functions of local wall-clock values,
 * so a date is always said as the business's calendar has it.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** NATO alphabet: letters are unambiguous even on a bad line ("B as in Bravo"). */
const NATO: Record<string, string> = {
  A: 'Alpha', B: 'Bravo', C: 'Charlie', D: 'Delta', E: 'Echo', F: 'Foxtrot', G: 'Golf', H: 'Hotel', I: 'India', J: 'Juliett', K: 'Kilo', L: 'Lima', M: 'Mike',
  N: 'November', O: 'Oscar', P: 'Papa', Q: 'Quebec', R: 'Romeo', S: 'Sierra', T: 'Tango', U: 'Uniform', V: 'Victor', W: 'Whiskey', X: 'X-ray', Y: 'Yankee', Z: 'Zulu',
};

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** '2026-12-01' → 'Tuesday, December 1st'. */
export function spokenDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${MONTHS[m - 1]} ${ordinal(d)}`;
}

/** '14:00' → '2 PM', '09:30' → '9:30 AM', '12:00' → 'noon'. */
export function spokenTime(time: string): string {
  const [h, m] = time.split(':').map(Number);
  if (h === 12 && m === 0) return 'noon';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? 'AM' : 'PM';
  return m === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(m).padStart(2, '0')} ${suffix}`;
}

export function spokenWhen(date: string, time: string): string {
  return `${spokenDate(date)} at ${spokenTime(time)}`;
}

/** 'K7P2' → 'K as in Kilo, 7, P as in Papa, 2': each character on its own, letters by NATO word. */
export function spelledCode(code: string): string {
  return [...code].map((c) => (NATO[c] ? `${c} as in ${NATO[c]}` : c)).join(', ');
}

/** The last four digits of a phone number, said digit by digit ('0 1 9 9'). */
export function lastFour(phone: string): string {
  return [...phone.replace(/\D/g, '').slice(-4)].join(' ');
}

/** 'Mon-Fri' style day sets, said: 'Monday to Friday'. */
export function spokenDays(days: number[]): string {
  const order = [1, 2, 3, 4, 5, 6, 0].filter((d) => days.includes(d));
  if (order.length === 0) return 'no days at the moment';
  if (order.length === 7) return 'every day';
  const contiguous = order.every((d, i) => i === 0 || [1, 2, 3, 4, 5, 6, 0].indexOf(d) === [1, 2, 3, 4, 5, 6, 0].indexOf(order[i - 1]) + 1);
  if (contiguous && order.length > 2) return `${WEEKDAYS[order[0]]} to ${WEEKDAYS[order[order.length - 1]]}`;
  return order.map((d) => `${WEEKDAYS[d]}s`).join(order.length === 2 ? ' and ' : ', ');
}
