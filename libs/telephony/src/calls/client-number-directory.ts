import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DatabaseNotifications, type NotificationChannel, TenantDatabase } from '@ringlypro/core';
import { Client } from '@ringlypro/tenancy';
import { DataSource } from 'typeorm';
import { ClientWriteWatcher } from './client-write-watcher';
import { LookupCache } from './lookup-cache';

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

/** The channel migration 1764000000720's trigger notifies with a client's id on every change of its row. */
export const CLIENT_CHANGES_CHANNEL = 'ringlypro_clients';

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
 * notifies every replica (LISTEN/NOTIFY), which drops that client's entries; while the listening
 * connection is down (or not yet up) nothing is cached and every lookup goes to the database. A
 * write to clients through this process drops the cache as soon as it commits (ClientWriteWatcher),
 * so this process never answers from an entry its own last write made stale.
 */
@Injectable()
export class ClientNumberDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new LookupCache<WebhookClient>(CACHE);
  private changes: NotificationChannel | null = null;

  constructor(
    private readonly db: TenantDatabase,
    private readonly notifications: DatabaseNotifications,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(new ClientWriteWatcher(() => this.cache.clear()));
    this.changes = this.notifications.listen(CLIENT_CHANGES_CHANNEL, {
      message: (payload) => this.changed(payload),
      reset: () => this.cache.clear(),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.changes?.close();
  }

  byNumber(dialed: string): Promise<WebhookClient | null> {
    return this.cache.get(`n:${dialed}`, () => this.find({ ringlypro_number: dialed }), this.changes?.live === true);
  }

  byId(id: number): Promise<WebhookClient | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return Promise.resolve(null);
    return this.cache.get(`i:${id}`, () => this.find({ id }), this.changes?.live === true);
  }

  private changed(payload: string): void {
    const id = /^\d{1,12}$/.test(payload) ? Number(payload) : null;
    // Anything unexpected ('*' for TRUNCATE) drops everything: over-invalidating is only slower.
    if (id === null) this.cache.clear();
    else this.cache.invalidate((client) => client.id === id);
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
