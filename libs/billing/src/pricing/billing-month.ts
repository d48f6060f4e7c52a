/**
 * The billing month is the business's own calendar month: free minutes reset at local midnight of
 * the 1st in its timezone. Comparing local calendar dates (not UTC instants) makes DST irrelevant —
 * a month starting in EDT and ending in EST is still the same month — and handles zones whose
 * midnight does not exist on the day clocks spring forward.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date 'YYYY-MM-DD' of an instant in a timezone. */
export function localDateOf(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** The first day of the local month after the one `instant` falls in: when the allowance next resets. */
export function nextResetDate(instant: Date, timeZone: string): string {
  return firstOfMonthAfter(localDateOf(instant, timeZone));
}

/** The first day of the month after the one of a local date 'YYYY-MM-DD'. */
export function firstOfMonthAfter(localDate: string): string {
  const [y, m] = localDate.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The first day of the local month `instant` falls in. */
export function monthStartDate(instant: Date, timeZone: string): string {
  return `${localDateOf(instant, timeZone).slice(0, 7)}-01`;
}

/** True once the business's local date has reached its reset date. */
export function isResetDue(resetDate: string, instant: Date, timeZone: string): boolean {
  return localDateOf(instant, timeZone) >= resetDate;
}
