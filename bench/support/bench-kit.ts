import { databaseUrl, withAdminClient } from '../../test/support/postgres-admin';
import { randomBytes } from 'node:crypto';

/** The p-th percentile (nearest rank) of a sample; NaN for an empty one. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** A day as a caller says it: "December 1st" (the date's UTC calendar day). */
export function spokenMonthDay(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${ordinal(date.getUTCDate())}`;
}

/**
 * Runs a bench in a scratch database of its own on the DATABASE_URL server (created, then dropped
 * whatever happens), or on embedded PGlite (undefined) when no server is given.
 */
export async function withScratchDatabase(label: string, run: (databaseUrl: string | undefined) => Promise<void>): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return run(undefined);
  const scratch = `ringlypro_bench_${label}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}"`));
  try {
    await run(databaseUrl(adminUrl, scratch));
  } finally {
    await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
  }
}
