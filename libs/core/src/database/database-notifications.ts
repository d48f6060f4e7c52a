import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER, type Logger } from '../logging/logger';

/** How long a lost LISTEN connection waits before it tries again. */
const RECONNECT_MS = 1000;
/**
 * How often a live LISTEN connection proves it is still there. A connection that went half-open (a NAT
 * or load balancer dropped it without a reset) reports nothing and would silently stop delivering
 * NOTIFYs; a heartbeat that is not answered in time counts as a loss, so caches are bypassed.
 */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export interface NotificationHandlers {
  /** A NOTIFY on the channel, with its payload. */
  message(payload: string): void;
  /**
   * Notifications may have been missed (not yet listening, or the connection was lost): whatever was
   * cached from the database must be dropped. Called when listening starts and whenever it stops.
   */
  reset(): void;
}

/** One subscription; `live` is true only while every NOTIFY on the channel is known to arrive. */
export interface NotificationChannel {
  readonly live: boolean;
  close(): Promise<void>;
}

/** What the embedded session pool offers for LISTEN (see PGliteSessionPool.listen). */
interface ListeningPool {
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * Postgres LISTEN for in-process caches that other replicas' writes must invalidate. On Postgres each
 * channel holds a dedicated connection outside the pool (a pooled one would drop LISTEN on release)
 * and reconnects after a loss; on embedded PGlite the one in-process database delivers them itself.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationShutdown {
  private readonly open = new Set<NotificationChannel>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Starts listening in the background; until `live`, callers must not trust their cache. */
  listen(channel: string, handlers: NotificationHandlers): NotificationChannel {
    if (!CHANNEL.test(channel)) throw new Error(`Invalid notification channel ${channel}`);
    const subscription = this.config.database.kind === 'postgres' ? this.overPostgres(channel, handlers, this.config.database) : this.embedded(channel, handlers);
    this.open.add(subscription);
    return subscription;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
    this.open.clear();
  }

  private overPostgres(channel: string, handlers: NotificationHandlers, db: { url: string; ssl: boolean }): NotificationChannel {
    let live = false;
    let closed = false;
    let client: PgClient | null = null;
    let timer: NodeJS.Timeout | null = null;
    let heartbeat: NodeJS.Timeout | null = null;
    const lost = (err?: unknown) => {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      if (client) client.removeAllListeners().on('error', () => undefined);
      client = null;
      const wasLive = live;
      live = false;
      handlers.reset();
      if (closed) return;
      if (wasLive || err) this.logger.warn({ err, channel }, 'database notifications lost; caches bypassed until listening again');
      timer = setTimeout(connect, RECONNECT_MS);
      timer.unref();
    };
    const connect = () => {
      timer = null;
      const next = new PgClient({ connectionString: db.url, ssl: db.ssl ? { rejectUnauthorized: false } : false, application_name: 'ringlypro-listen', keepAlive: true });
      client = next;
      next.on('notification', (n) => {
        if (n.channel === channel) handlers.message(n.payload ?? '');
      });
      next.on('error', (err) => lost(err));
      next.on('end', () => client === next && lost());
      next
        .connect()
        .then(() => next.query(`LISTEN ${channel}`))
        .then(() => {
          if (closed || client !== next) return void next.end().catch(() => undefined);
          // Anything cached before this moment may have missed a change: start clean, then trust.
          handlers.reset();
          live = true;
          heartbeat = setInterval(() => beat(next), HEARTBEAT_MS);
          heartbeat.unref();
        })
        .catch((err: unknown) => {
          if (client !== next) return;
          next.end().catch(() => undefined);
          lost(err);
        });
    };
    const beat = (current: PgClient) => {
      let answered = false;
      const deadline = setTimeout(() => {
        if (answered || client !== current) return;
        current.end().catch(() => undefined);
        lost(new Error(`LISTEN connection did not answer a heartbeat within ${HEARTBEAT_TIMEOUT_MS} ms`));
      }, HEARTBEAT_TIMEOUT_MS);
      deadline.unref();
      current.query('SELECT 1').then(
        () => {
          answered = true;
          clearTimeout(deadline);
        },
        () => undefined, // a failed query also emits 'error' or 'end', which report the loss
      );
    };
    connect();
    return {
      get live() {
        return live;
      },
      close: async () => {
        closed = true;
        live = false;
        if (timer) clearTimeout(timer);
        if (heartbeat) clearInterval(heartbeat);
        const current = client;
        client = null;
        if (current) await current.end().catch(() => undefined);
      },
    };
  }

  private embedded(channel: string, handlers: NotificationHandlers): NotificationChannel {
    let live = false;
    let unlisten: (() => Promise<void>) | null = null;
    const pool = (this.dataSource.driver as unknown as { master?: Partial<ListeningPool> }).master;
    if (typeof pool?.listen === 'function') {
      pool
        .listen(channel, (payload) => handlers.message(payload))
        .then((stop) => {
          unlisten = stop;
          handlers.reset();
          live = true;
        })
        .catch((err: unknown) => this.logger.warn({ err, channel }, 'embedded database notifications unavailable; caches rely on their TTL'));
    }
    return {
      get live() {
        return live;
      },
      close: async () => {
        live = false;
        if (unlisten) await unlisten().catch(() => undefined);
      },
    };
  }
}
