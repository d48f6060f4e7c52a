import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { EventEmitter } from 'node:events';

/** How long a caller waits for the single embedded session before we call it a deadlock. */
const ACQUIRE_TIMEOUT_MS = 30_000;
const DATE_OID = 1082;
const INT8_OID = 20;

type Release = (err?: unknown) => void;

/**
 * PGlite reports a damaged data directory as a WebAssembly `Aborted()` with an emscripten stack;
 * this says, in one line, what happened and how to recover.
 */
export class EmbeddedDatabaseUnreadableError extends Error {
  constructor(dataDir: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0].slice(0, 200) : String(cause).slice(0, 200);
    super(
      `The embedded database in ${dataDir} could not be opened (${reason}); it is probably damaged, e.g. by an unclean stop. ` +
        `To recover: stop every RinglyPro process, move the folder aside (mv ${dataDir} ${dataDir}.damaged) and start again; a fresh database is created.`,
      { cause },
    );
  }
}
type ConnectCallback = (err: unknown, client: PGliteSessionClient | null, release: Release) => void;

/**
 * A `pg.Pool` look-alike over one embedded PGlite database, handed to TypeORM's postgres driver.
 *
 * PGlite is a single Postgres session. The typeorm-pglite package hands that one session to every
 * TypeORM query runner at once, so two concurrent transactions interleave their statements, and a
 * per-transaction `set_config('app.client_id', …, true)` of one request leaks into another. This pool
 * instead lends the session to one query runner at a time (a pool of size one), which gives
 * embedded mode the same isolation a real Postgres pool gives.
 */
export class PGliteSessionPool extends EventEmitter {
  private static readonly databases = new Map<string, Promise<PGlite>>();
  private readonly db: Promise<PGlite>;
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly dataDir: string | null) {
    super();
    this.db = PGliteSessionPool.open(dataDir);
  }

  /**
   * Opens the data directory's database ahead of the app (the pool then reuses it), so a damaged one
   * fails the start with EmbeddedDatabaseUnreadableError before any module has logged a line.
   */
  static async preopen(dataDir: string): Promise<void> {
    await PGliteSessionPool.open(dataDir);
  }

  /** One PGlite per data directory per process; `null` means a fresh in-memory database. */
  private static open(dataDir: string | null): Promise<PGlite> {
    const options: PGliteOptions = {
      extensions: { btree_gist },
      // Keep DATE columns as 'YYYY-MM-DD' strings: a JS Date would shift them by the host's zone.
      // Same for BIGINT (counts, sums): strings as `pg` returns them, so both engines behave alike.
      parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => value },
    };
    if (dataDir === null) return PGlite.create(options);
    let db = this.databases.get(dataDir);
    if (!db) {
      db = PGlite.create({ ...options, dataDir }).catch((error: unknown) => {
        throw new EmbeddedDatabaseUnreadableError(dataDir, error);
      });
      this.databases.set(dataDir, db);
    }
    return db;
  }

  async connect(callback?: ConnectCallback): Promise<PGliteSessionClient> {
    try {
      const db = await this.db;
      await this.acquire();
      let released = false;
      const release: Release = () => {
        if (released) return;
        released = true;
        this.releaseSession();
      };
      const client = new PGliteSessionClient(db);
      callback?.(null, client, release);
      return client;
    } catch (err) {
      callback?.(err, null, () => undefined);
      if (!callback) throw err;
      return undefined as never;
    }
  }

  /** Pool-level query, as pg.Pool offers: borrows the session for one statement. */
  async query(sql: string, params?: unknown[]) {
    const db = await this.db;
    await this.acquire();
    try {
      return await new PGliteSessionClient(db).query(sql, params);
    } finally {
      this.releaseSession();
    }
  }

  /**
   * LISTEN on the embedded database (PGlite delivers NOTIFY in-process, after the notifying commit).
   * Holds the session while LISTEN runs, so it never lands inside another caller's open transaction
   * (which would make it depend on that transaction committing).
   */
  async listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
    const db = await this.db;
    await this.acquire();
    try {
      const unlisten = await db.listen(channel, handler);
      return async () => {
        if (db.closed) return;
        await this.acquire();
        try {
          await unlisten();
        } finally {
          this.releaseSession();
        }
      };
    } finally {
      this.releaseSession();
    }
  }

  end(callback?: (err?: unknown) => void): void {
    // Persistent databases are shared per process and closed at exit; in-memory ones close now.
    const closing = this.dataDir === null ? this.db.then((db) => db.close()) : Promise.resolve();
    closing.then(
      () => callback?.(),
      (err) => callback?.(err),
    );
  }

  private acquire(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new Error('Embedded database session busy for 30s: a query was issued outside the active transaction'));
      }, ACQUIRE_TIMEOUT_MS);
      this.waiting.push(grant);
    });
  }

  private releaseSession(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/** The borrowed session, shaped like a pg.Client as far as TypeORM uses it. */
export class PGliteSessionClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[], callback?: (err: unknown, result: unknown) => void) {
    try {
      // exec() runs multi-statement scripts (migrations); query() binds parameters for one statement.
      const result =
        params && params.length > 0
          ? await this.db.query(sql, params)
          : ((await this.db.exec(sql)).at(-1) ?? { rows: [], fields: [], affectedRows: 0 });
      const shaped = {
        ...result,
        command: (result as { command?: string }).command ?? firstKeyword(sql),
        rowCount: result.affectedRows ?? result.rows.length,
      };
      callback?.(null, shaped);
      return shaped;
    } catch (err) {
      callback?.(err, null);
      throw err;
    }
  }
}

function firstKeyword(sql: string): string {
  return (sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '').match(/^\w+/)?.[0] ?? '').toUpperCase();
}

/** The shape TypeORM's postgres driver loads in place of the `pg` package. */
export function pgliteDriverFor(dataDir: string | null) {
  return {
    Pool: class extends PGliteSessionPool {
      constructor() {
        super(dataDir);
      }
    },
  };
}
