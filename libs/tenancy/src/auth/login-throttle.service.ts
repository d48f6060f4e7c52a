import { Injectable } from '@nestjs/common';
import { Clock, TooManyRequestsError } from '@ringlypro/core';
import type { EntityManager } from 'typeorm';

/** Five failures per (email, IP) within fifteen minutes; the sixth attempt is refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed logins in the database, so the limit holds across API replicas and restarts.
 * Keyed by email and IP together: an attacker cannot lock a user out from another network.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly clock: Clock) {}

  async assertAllowed(manager: EntityManager, email: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - WINDOW_MS);
    const [row] = await manager.query(
      `SELECT COUNT(*)::int AS failures, MIN(failed_at) AS oldest FROM login_failures WHERE email = $1 AND ip = $2 AND failed_at > $3`,
      [email, ip, since],
    );
    if (row.failures >= MAX_FAILURES) {
      const retryAfterS = Math.ceil((new Date(row.oldest).getTime() + WINDOW_MS - this.clock.now().getTime()) / 1000);
      throw new TooManyRequestsError(`Too many failed logins; try again in ${Math.max(1, Math.ceil(retryAfterS / 60))} minutes`, retryAfterS);
    }
  }

  async recordFailure(manager: EntityManager, email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    await manager.query(`DELETE FROM login_failures WHERE email = $1 AND ip = $2 AND failed_at <= $3`, [email, ip, new Date(now.getTime() - WINDOW_MS)]);
    await manager.query(`INSERT INTO login_failures (email, ip, failed_at) VALUES ($1, $2, $3)`, [email, ip, now]);
  }

  async clear(manager: EntityManager, email: string, ip: string): Promise<void> {
    await manager.query(`DELETE FROM login_failures WHERE email = $1 AND ip = $2`, [email, ip]);
  }
}
