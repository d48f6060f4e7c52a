import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The dates the API accepts anywhere: real calendar days between these bounds. Nothing the product
 * does (appointments, message history, reports) needs a date outside them, and bounding them keeps
 * every date computation far from the edges where JavaScript and Postgres stop agreeing (year 10000
 * has no 'YYYY-MM-DD' form: `toISOString()` turns it into '+010000-…', which sorts before '9999-…').
 */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '2099-12-31';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real YYYY-MM-DD day of years 0001–9999 (what both JavaScript and Postgres can represent). */
function isRepresentableDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m || m[1] === '0000') return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A real calendar date as YYYY-MM-DD (no 2026-02-30, 2026-13-45, 0000-00-00) within EARLIEST_DATE … LATEST_DATE. */
export function isCalendarDate(value: unknown): value is string {
  return isRepresentableDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/**
 * YYYY-MM-DD plus n days (calendar arithmetic, no zone). Refuses, rather than silently mangles, an
 * input that is not a date or a result outside years 0001–9999: a loop `for (d = from; d <= to;
 * d = addDays(d, 1))` can then never wrap around and spin forever.
 */
export function addDays(date: string, days: number): string {
  if (!isRepresentableDate(date)) throw new RangeError(`addDays: ${JSON.stringify(date)} is not a calendar date`);
  if (!Number.isSafeInteger(days)) throw new RangeError(`addDays: ${days} is not a whole number of days`);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const result = Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  if (!isRepresentableDate(result)) throw new RangeError(`addDays: ${date} plus ${days} days is outside years 0001–9999`);
  return result;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  if (!isRepresentableDate(from) || !isRepresentableDate(to)) throw new RangeError('daysBetween: both arguments must be calendar dates');
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** class-validator rule for every date field and filter: a real calendar date in the accepted range. */
export function IsCalendarDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real calendar date as YYYY-MM-DD between ${EARLIEST_DATE} and ${LATEST_DATE}`,
      },
    },
    options,
  );
}
