import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Module, type OnApplicationShutdown } from '@nestjs/common';

/** Who holds a data directory: written into its lock file by the instance that took it. */
export interface LockHolder {
  pid: number;
  port: number;
  started_at: string;
}

export class DataDirLockedError extends Error {}

export const LOCK_FILE = 'ringlypro.lock';

/** A lock file still empty this long after creation belongs to a process that died while writing it. */
const UNWRITTEN_LOCK_GRACE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): { holder: LockHolder | null; raw: string } | null {
  try {
    const raw = readFileSync(path, 'utf8');
    try {
      const parsed = JSON.parse(raw) as Partial<LockHolder>;
      return { raw, holder: Number.isInteger(parsed.pid) && Number.isInteger(parsed.port) ? (parsed as LockHolder) : null };
    } catch {
      return { raw, holder: null };
    }
  } catch {
    return null;
  }
}

function lockedMessage(dataDir: string, holder: LockHolder | null, path: string): string {
  const who = holder ? (holder.port ? `pid ${holder.pid}, port ${holder.port}` : `pid ${holder.pid}, a command such as npm run seed`) : 'an instance that is still starting';
  return `Another RinglyPro instance is already running on ${dataDir} (${who}): stop it, or set DATA_DIR to another folder (if none runs, delete ${path}).`;
}

/**
 * Takes the embedded data directory for this process, before the database in it is opened: two
 * PGlite instances writing one directory corrupt it. The lock file is created exclusively (O_EXCL)
 * and names the holder; a lock left by a process that no longer exists is taken over; the file is
 * removed when this process exits. Throws DataDirLockedError with a one-line message otherwise.
 */
export function lockDataDir(dataDir: string, port: number): { path: string; release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, port, started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(mine));
      } finally {
        closeSync(fd);
      }
      const release = () => {
        if (readHolder(path)?.holder?.pid === process.pid) unlinkSync(path);
      };
      process.once('exit', () => {
        try {
          release();
        } catch {
          // Exiting anyway; a stale lock is taken over by the next start.
        }
      });
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readHolder(path);
    if (!seen) continue; // removed meanwhile: try again
    const { holder, raw } = seen;
    // Our own pid in the file is a previous run's (containers reuse pids), not a live holder.
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DataDirLockedError(lockedMessage(dataDir, holder, path));
    if (!holder) {
      const age = Date.now() - statSync(path, { throwIfNoEntry: false })!.mtimeMs;
      if (age < UNWRITTEN_LOCK_GRACE_MS) throw new DataDirLockedError(lockedMessage(dataDir, null, path));
    }
    // Stale: move it aside (one process wins the rename), then make sure what we moved is the stale
    // file we judged and not a fresh lock another starting process wrote in between.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readHolder(aside);
    if (moved && moved.raw !== raw) {
      renameSync(aside, path);
      throw new DataDirLockedError(lockedMessage(dataDir, moved.holder, path));
    }
    unlinkSync(aside);
  }
  throw new DataDirLockedError(lockedMessage(dataDir, readHolder(path)?.holder ?? null, path));
}

/**
 * A module whose shutdown hook gives the lock back. Nest ends a SIGTERM by re-raising the signal,
 * and a process killed by a signal never emits 'exit', so the exit handler alone would leave it.
 */
export function releaseLockOnShutdown(lock: { release(): void }): DynamicModule {
  @Module({})
  class DataDirLockRelease implements OnApplicationShutdown {
    onApplicationShutdown(): void {
      lock.release();
    }
  }
  return { module: DataDirLockRelease };
}
