/**
 * The business's wall clock, computed from an instant with Intl (never the machine's own time zone),
 * plus calendar arithmetic on plain local dates. Local dates are handled as UTC-midnight Date values
 * purely as calendar carriers, so adding a day can never be bent by a DST change.
 *
 * This is the same Intl reading as booking's `toLocal`, kept here so the understanding stays a leaf
 * of pure functions: importing @ringlypro/booking pulls its entities and Nest module into every
 * understanding test (measured: 9 s → 32 s for the suite).
 */

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An unknown zone is a configuration error, not something a caller said: it throws a RangeError that
 * names the zone, so the dialogue's own fallback (the owner) takes the call.
 */
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    if (!isTimeZone(timezone)) throw new RangeError(`Unknown business time zone "${String(timezone)}"`);
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return typeof timezone === 'string' && timezone.length > 0;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of `instant` in `timezone`. */
export function localDateTime(instant: Date, timezone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day } = parts;
  return { year, month, day, hour: parts.hour % 24, minute: parts.minute, weekday: weekdayOf(year, month, day) };
}

/** Day of the week of a calendar date (0 = Sunday), independent of any time zone. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' */
export function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** 'HH:MM' from minutes after midnight. */
export function formatTime(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Minutes after midnight from 'HH:MM'. */
export function parseTime(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + (minutes || 0);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
