import { Injectable } from '@nestjs/common';
import { LookupCache, TenantDatabase } from '@ringlypro/core';
import { Client, ClientChanges } from '@ringlypro/tenancy';

/** What a webhook needs to know about the business it is for, before entering its tenant scope. */
export interface WebhookClient {
  id: number;
  business_name: string;
  owner_phone: string;
  ringlypro_number: string | null;
  active: boolean;
  rachel_enabled: boolean;
  custom_greeting: string | null;
  /** 'gather' | 'relay', null: the platform default (VOICE_TRANSPORT). */
  voice_transport: 'gather' | 'relay' | null;
}

/**
 * Invalidation comes from NOTIFY; these bound how long an entry could outlive a change if a
 * notification were ever missed despite the connection staying up. "Unknown number" answers are
 * short-lived too (a notification drops them all anyway).
 */
const CACHE = { maxEntries: 10_000, ttlMs: 30_000, negativeTtlMs: 5_000 };

/**
 * The one narrow cross-tenant lookup of the webhook flow ('webhook-number-lookup'): Twilio tells us
 * which number was dialed (or the path names the client); this says which business that is.
 *
 * Answers are cached so a webhook costs no transaction for the lookup. Every change to a client row
 * (ClientChanges: NOTIFY from every replica, and this process's own writes as soon as they commit)
 * drops that client's entries; while the listening connection is down (or not yet up) nothing is
 * cached and every lookup goes to the database.
 */
@Injectable()
export class ClientNumberDirectory {
  private readonly cache = new LookupCache<WebhookClient>(CACHE);

  constructor(
    private readonly db: TenantDatabase,
    private readonly changes: ClientChanges,
  ) {
    // Anything but one client's id ('*' for TRUNCATE, a lost connection) drops everything.
    changes.subscribe((id) => (id === null ? this.cache.clear() : this.cache.invalidate((client) => client.id === id)));
  }

  byNumber(dialed: string): Promise<WebhookClient | null> {
    return this.cache.get(`n:${dialed}`, () => this.find({ ringlypro_number: dialed }), this.changes.live);
  }

  byId(id: number): Promise<WebhookClient | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return Promise.resolve(null);
    return this.cache.get(`i:${id}`, () => this.find({ id }), this.changes.live);
  }

  private async find(where: { id: number } | { ringlypro_number: string }): Promise<WebhookClient | null> {
    const client = await this.db.platform('webhook-number-lookup', (manager) =>
      manager.findOne(Client, {
        where,
        select: { id: true, business_name: true, owner_phone: true, ringlypro_number: true, active: true, rachel_enabled: true, custom_greeting: true, voice_transport: true },
      }),
    );
    // Shared by every webhook that hits the cache: nobody may change it under the others.
    return client ? Object.freeze({ ...client }) : null;
  }
}
