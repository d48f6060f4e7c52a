let zones: Set<string> | null = null;

/** True for an IANA zone name the runtime knows ("America/New_York", "Pacific/Auckland", "UTC"). */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 50) return false;
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  if (zones.has(value)) return true;
  // Canonical names only in that list; accept links the runtime resolves ("US/Eastern"), which Postgres knows too.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/.test(value);
  } catch {
    return false;
  }
}

/**
 * The rule for a business's time zone: an IANA *region* name ("America/New_York", "Europe/Dublin"),
 * whose rules follow daylight saving where the business is. Refused: abbreviations and fixed offsets
 * ("EST", "EST5EDT", "GMT", "UTC", "Etc/GMT+5" — the last even has its sign inverted), which keep
 * one offset all year and would put every summer appointment an hour off.
 */
export function isRegionTimeZone(value: unknown): value is string {
  return isIanaTimeZone(value) && /^[A-Za-z]+\/[A-Za-z]/.test(value) && !/^(Etc|SystemV)\//.test(value);
}

/** "09:00" or "09:00:00" → minutes after midnight; null when malformed. */
export function minutesOfDay(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
