import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock } from '@ringlypro/core';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link in a text stays good: longer than anyone leaves a reminder unread, short enough to age out. */
export const RELOAD_LINK_DAYS = 14;

/** What a reload link carries: the business, when the link expires, and our signature over both. */
export interface ReloadToken {
  c: string;
  e: string;
  s: string;
}

/**
 * Signed links for the owner's texts ("add credit: …"). An owner on a phone has no dashboard session,
 * so the link itself is the permission — only to see the balance and start a Stripe Checkout for their
 * own business, which can only ever add credit. The key is derived from JWT_SECRET (one secret to
 * manage) under its own label, so a link signature can never pass as anything else.
 */
@Injectable()
export class ReloadLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.jwt.secret).update('ringlypro:credit-reload-link:v1').digest();
  }

  /** The page a text links to: `BASE_URL/billing/reload?c=…&e=…&s=…`. */
  linkFor(clientId: number): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + RELOAD_LINK_DAYS * 86_400;
    const token = { c: String(clientId), e: String(expires), s: this.sign(String(clientId), String(expires)) };
    return `${this.config.baseUrl}/billing/reload?${this.query(token)}`;
  }

  query(token: ReloadToken): string {
    return new URLSearchParams({ c: token.c, e: token.e, s: token.s }).toString();
  }

  /** The business a link is for, 'expired', or null when it is not one of ours (altered, malformed). */
  verify(query: Record<string, unknown>): { clientId: number; token: ReloadToken } | 'expired' | null {
    const { c, e, s } = query;
    if (typeof c !== 'string' || typeof e !== 'string' || typeof s !== 'string') return null;
    if (!/^[1-9]\d{0,9}$/.test(c) || !/^\d{10,11}$/.test(e) || !/^[A-Za-z0-9_-]{43}$/.test(s)) return null;
    const expected = Buffer.from(this.sign(c, e));
    if (!timingSafeEqual(expected, Buffer.from(s))) return null;
    if (Number(e) * 1000 < this.clock.now().getTime()) return 'expired';
    const clientId = Number(c);
    return Number.isSafeInteger(clientId) && clientId <= 2_147_483_647 ? { clientId, token: { c, e, s } } : null;
  }

  private sign(clientId: string, expires: string): string {
    return createHmac('sha256', this.key).update(`${clientId}.${expires}`).digest('base64url');
  }
}
