/** Day names as the seed writes them ("Mon-Fri"); index = JavaScript's getDay() (0 = Sunday). */
export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
// Ranges read Monday-first, as businesses write them: "Fri-Mon" wraps over the weekend.
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

function dayIndex(name: string): number | null {
  const i = DAY_NAMES.findIndex((d) => d.toLowerCase() === name.trim().slice(0, 3).toLowerCase());
  const full = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const trimmed = name.trim().toLowerCase();
  if (i < 0 || (trimmed.length > 3 && full[i] !== trimmed)) return null;
  return i;
}

/**
 * Reads "Mon-Fri", "Mon-Sat", "Mon,Wed,Fri", "tue-sat", "Mon-Wed,Fri" (case-insensitive, full names
 * allowed) into the set of open weekdays; null when the text is not such a list.
 */
export function parseBusinessDays(text: string): Set<number> | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 100) return null;
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const bounds = part.split('-');
    if (bounds.length > 2) return null;
    const from = dayIndex(bounds[0]);
    const to = bounds.length === 2 ? dayIndex(bounds[1]) : from;
    if (from === null || to === null) return null;
    let k = WEEK_ORDER.indexOf(from);
    for (;;) {
      days.add(WEEK_ORDER[k]);
      if (WEEK_ORDER[k] === to) break;
      k = (k + 1) % 7;
    }
  }
  return days;
}

/** The canonical, shortest form of a set of weekdays: {1..5} → "Mon-Fri", {1,3,5} → "Mon,Wed,Fri". */
export function formatBusinessDays(days: Set<number>): string {
  const ordered = WEEK_ORDER.filter((d) => days.has(d));
  const runs: number[][] = [];
  for (const d of ordered) {
    const run = runs.at(-1);
    if (run && WEEK_ORDER.indexOf(d) === WEEK_ORDER.indexOf(run.at(-1)!) + 1) run.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length === 1 ? DAY_NAMES[r[0]] : `${DAY_NAMES[r[0]]}-${DAY_NAMES[r.at(-1)!]}`)).join(',');
}
