import { readFileSync } from 'node:fs';
import type { Client } from 'pg';

/** USER_HZ: what /proc/<pid>/stat counts CPU time in (100 on every Linux Node supports). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time the client backends of one database use, read from /proc: a webhook's cost in Postgres,
 * which shares the machine's cores with the servers and the load generator. Sampled every 200 ms, so a
 * pooled connection that closes between two readings takes at most its last 200 ms with it (and a new
 * one its first). Autovacuum and this meter's own connection are left out. A backend counts only when
 * its pid here is a postgres process serving that database (its command line names it): where the
 * server is on another host, in a container, or not on Linux, the meter reports null, not a wrong figure.
 */
export class PostgresCpu {
  /** Last reading per backend, keyed by pid and start time (a pid can be reused by a later backend). */
  private readonly last = new Map<string, number>();
  private usedMs = 0;
  private seen = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Client,
    private readonly database: string,
  ) {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 200);
  }

  /** Milliseconds of CPU used since the meter started, as of a fresh sample; null where it cannot be read. */
  async used(): Promise<number | null> {
    await this.sample();
    return this.seen ? this.usedMs : null;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    const { rows } = await this.db.query<{ pid: number; started: string }>(
      `SELECT pid, backend_start::text AS started FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      [this.database],
    );
    for (const { pid, started } of rows) {
      const ms = backendCpuMs(pid, this.database);
      if (ms === null) continue;
      this.seen = true;
      const key = `${pid}@${started}`;
      this.usedMs += ms - (this.last.get(key) ?? ms);
      this.last.set(key, ms);
    }
  }
}

/** utime + stime of the local postgres backend `pid` serving `database`, or null (gone, or not that backend). */
function backendCpuMs(pid: number, database: string): number | null {
  try {
    // A backend's command line reads "postgres: <cluster>: <user> <database> <client> <state>".
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres' || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) return null;
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
