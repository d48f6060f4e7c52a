import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, TooManyRequestsError } from '@ringlypro/core';
import type { EntityManager } from 'typeorm';

/** Five failures per (email, IP) within fifteen minutes; the sixth attempt is refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed logins in the database, so the limit holds across API replicas and restarts.
 *
 * Two counters over the same rows: per (email, address), tight (five), so one address guessing is
 * stopped quickly without locking the owner out from their own network; and per email from any
 * address, looser (LOGIN_ACCOUNT_MAX_FAILURES, default 20), so an attacker rotating addresses (a
 * botnet, or spoofed headers before TRUST_PROXY) still gets at most that many guesses per window.
 * The price of the second: such an attacker can keep the account locked, and the owner must wait out
 * the window — the usual trade for resisting distributed online guessing.
 */
@Injectable()
export class LoginThrottle {
  private readonly accountMaxFailures: number;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.accountMaxFailures = config.rateLimits.loginAccountMaxFailures;
  }

  async assertAllowed(manager: EntityManager, email: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - WINDOW_MS);
    const [row] = await manager.query(
      `SELECT COUNT(*) FILTER (WHERE ip = $2)::int AS from_address, MIN(failed_at) FILTER (WHERE ip = $2) AS oldest_from_address,
              COUNT(*)::int AS for_account, MIN(failed_at) AS oldest_for_account
         FROM login_failures WHERE email = $1 AND failed_at > $3`,
      [email, ip, since],
    );
    if (row.from_address >= MAX_FAILURES) this.refuse(row.oldest_from_address);
    if (row.for_account >= this.accountMaxFailures) this.refuse(row.oldest_for_account);
  }

  private refuse(oldestFailure: string | Date): never {
    const retryAfterS = Math.max(1, Math.ceil((new Date(oldestFailure).getTime() + WINDOW_MS - this.clock.now().getTime()) / 1000));
    throw new TooManyRequestsError(`Too many failed logins; try again in ${Math.ceil(retryAfterS / 60)} minutes`, retryAfterS);
  }

  async recordFailure(manager: EntityManager, email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    await manager.query(`DELETE FROM login_failures WHERE email = $1 AND failed_at <= $2`, [email, new Date(now.getTime() - WINDOW_MS)]);
    await manager.query(`INSERT INTO login_failures (email, ip, failed_at) VALUES ($1, $2, $3)`, [email, ip, now]);
  }

  async clear(manager: EntityManager, email: string, ip: string): Promise<void> {
    await manager.query(`DELETE FROM login_failures WHERE email = $1 AND ip = $2`, [email, ip]);
  }
}
