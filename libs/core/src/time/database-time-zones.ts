import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError } from '../errors/domain-errors';
import { TenantContext } from '../tenancy/tenant-context';

/**
 * The time zones Postgres itself knows (pg_timezone_names), read once per process. The runtime's
 * Intl accepts names Postgres dropped long ago (US/Pacific-New, Canada/East-Saskatchewan); a client
 * stored with one could never book, because appointments' starts_at is derived in SQL.
 */
@Injectable()
export class DatabaseTimeZones implements OnApplicationBootstrap {
  private names: Promise<Set<string>> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Loaded at boot, so requests find it cached. */
  async onApplicationBootstrap(): Promise<void> {
    await this.isKnown('UTC');
  }

  async isKnown(name: string): Promise<boolean> {
    // Inside a request's transaction, ask on its connection: embedded PGlite has only the one.
    const runner = TenantContext.peek()?.manager ?? this.dataSource.manager;
    this.names ??= runner.query<Array<{ name: string }>>('SELECT name FROM pg_timezone_names').then(
      (rows) => new Set(rows.map((r) => r.name)),
      (error: unknown) => {
        this.names = null; // try again next time rather than caching a failure
        throw error;
      },
    );
    return (await this.names).has(name);
  }

  /** 400 naming `field` unless Postgres knows the zone. */
  async assertKnown(name: string | undefined, field = 'timezone'): Promise<void> {
    if (name !== undefined && !(await this.isKnown(name))) {
      throw new InvalidInputError([{ field, message: `${field} ${name} is not a time zone the database knows; use a current IANA name such as America/Los_Angeles` }]);
    }
  }
}
