/**
 * Wall-clock ↔ instant conversion in an IANA zone with only Intl (no tz library): the runtime's
 * own tz database, the one Postgres-independent source both listing and booking share.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

/** The local wall clock of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime & { weekday: number; minutes: number } {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday: new Date(`${date}T00:00:00Z`).getUTCDay(), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Offset of the zone from UTC at `instant`, in minutes (New York in winter: -300). */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a local date and time denote in `timeZone`.
 * - A time skipped by a spring-forward change (02:30 in New York on its DST day) does not exist: null.
 * - A time repeated by a fall-back change (01:30) is read as the later, standard-time instant —
 *   the reading Postgres gives `timestamp AT TIME ZONE`, which derives appointments.starts_at, so the
 *   slot we offer and the row we store are the same instant.
 */
export function fromLocal(date: string, time: string, timeZone: string): Date | null {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const candidates = new Set<number>();
  // The true offset is the zone's offset just before or just after the wall time; try both.
  for (const probe of [wall - 36 * 3600_000, wall + 36 * 3600_000, wall]) candidates.add(wall - offsetMinutes(probe, timeZone) * 60_000);
  const matches = [...candidates].filter((instant) => {
    const local = toLocal(new Date(instant), timeZone);
    return local.date === date && local.time === time.slice(0, 5);
  });
  if (matches.length === 0) return null;
  return new Date(Math.max(...matches));
}

// Calendar arithmetic lives in core, bounded so no loop over dates can wrap around.
export { addDays, isCalendarDate } from '@ringlypro/core';

export type LocalToInstant = (date: string, time: string) => Date | null;

/**
 * A converter specialised for one local date: on the ~363 days a year without a clock change near
 * it, local time → instant is plain arithmetic with that day's offset; on the others it defers to
 * fromLocal(). Same answers, two Intl calls per day instead of several per slot.
 */
export function converterForDay(date: string, timeZone: string): LocalToInstant {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const before = offsetMinutes(midnight - 14 * 3600_000, timeZone);
  const after = offsetMinutes(midnight + 38 * 3600_000, timeZone);
  if (before !== after) return (d, t) => fromLocal(d, t, timeZone);
  return (d, t) => {
    if (d !== date) return fromLocal(d, t, timeZone);
    const [h, m] = t.split(':').map(Number);
    return new Date(midnight + (h * 60 + m - before) * 60_000);
  };
}
