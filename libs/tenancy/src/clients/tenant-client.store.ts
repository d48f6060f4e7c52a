import { Injectable } from '@nestjs/common';
import { LookupCache, NotFoundError, TenantContext } from '@ringlypro/core';
import { type EntityManager, IsNull } from 'typeorm';
import { Client } from '../entities/client.entity';
import { User } from '../entities/user.entity';
import { ClientChanges } from './client-changes';

/** The columns of the tenant's client row that hot paths read without changing (see `view`). */
const VIEW_COLUMNS = [
  'id',
  'business_name',
  'business_phone',
  'timezone',
  'per_minute_rate',
  'custom_greeting',
  'business_hours_start',
  'business_hours_end',
  'business_days',
  'business_address',
  'services_info',
  'voice_id',
] as const satisfies ReadonlyArray<keyof Client>;

/** A read-only copy of those columns, shared by every request of the tenant while it is cached. */
export type ClientView = Readonly<Pick<Client, (typeof VIEW_COLUMNS)[number]>>;

/**
 * Invalidation comes from ClientChanges; the TTL only bounds how long an entry could outlive a change
 * if a notification were ever missed while the connection stayed up. A missing row is never cached.
 */
const VIEW_CACHE = { maxEntries: 10_000, ttlMs: 30_000, negativeTtlMs: 0 };

/**
 * The current tenant's own clients row (and its owner), addressed through the tenant context like
 * every tenant-owned row. Row-level security on clients lets the tenant role see only this one.
 */
@Injectable()
export class TenantClientStore {
  private readonly views = new LookupCache<ClientView>(VIEW_CACHE);

  constructor(private readonly changes: ClientChanges) {
    changes.subscribe((id) => (id === null ? this.views.clear() : this.views.invalidate((view) => view.id === id)));
  }

  /** The fresh row: for anyone who changes the client, or needs a column `view` does not carry. */
  async get(): Promise<Client> {
    const { manager, clientId } = TenantContext.current();
    const client = await manager.findOne(Client, { where: { id: clientId } });
    if (!client) throw new NotFoundError('Client not found');
    return client;
  }

  /**
   * The settings hot paths read on every call (rate, timezone, name, hours, voice), from a per-client
   * cache that every change of the row invalidates (ClientChanges) — no query once cached. Frozen:
   * callers share it. While changes may go unheard (not listening), or in a transaction that has
   * changed the client and not committed yet, it is read from the database like `get`.
   */
  async view(): Promise<ClientView> {
    const { manager, clientId } = TenantContext.current();
    const load = () => this.loadView(manager, clientId);
    const view = this.changes.trustedIn(manager) ? await this.views.get(String(clientId), load, true) : await load();
    if (!view) throw new NotFoundError('Client not found');
    return view;
  }

  async update(patch: Partial<Omit<Client, 'id'>>): Promise<Client> {
    const { manager, clientId } = TenantContext.current();
    if (Object.keys(patch).length > 0) await manager.update(Client, { id: clientId }, patch);
    return this.get();
  }

  /**
   * Changes the client only while it holds no Rachel number, in one conditional UPDATE: a
   * provisioning job that stored a number in between wins, so nothing resets an active number.
   * Returns whether the row was changed.
   */
  async updateWhileNumberless(patch: Partial<Omit<Client, 'id'>>): Promise<boolean> {
    const { manager, clientId } = TenantContext.current();
    const result = await manager.update(Client, { id: clientId, ringlypro_number: IsNull() }, patch);
    return (result.affected ?? 0) > 0;
  }

  /** Changes the client's owner user (row-level security lets a tenant change only its own). */
  async updateOwner(patch: Partial<Pick<User, 'onboarding_completed'>>): Promise<User | null> {
    const client = await this.get();
    if (!client.user_id) return null;
    await TenantContext.current().manager.update(User, { id: client.user_id }, patch);
    return this.owner();
  }

  async owner(): Promise<User | null> {
    const client = await this.get();
    return client.user_id ? TenantContext.current().manager.findOne(User, { where: { id: client.user_id } }) : null;
  }

  private async loadView(manager: EntityManager, clientId: number): Promise<ClientView | null> {
    const select = Object.fromEntries(VIEW_COLUMNS.map((column) => [column, true]));
    const client = await manager.findOne(Client, { where: { id: clientId }, select });
    return client ? Object.freeze({ ...client }) : null;
  }
}
