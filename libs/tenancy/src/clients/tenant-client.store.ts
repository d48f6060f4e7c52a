import { Injectable } from '@nestjs/common';
import { NotFoundError, TenantContext } from '@ringlypro/core';
import { IsNull } from 'typeorm';
import { Client } from '../entities/client.entity';
import { User } from '../entities/user.entity';

/**
 * The current tenant's own clients row (and its owner), addressed through the tenant context like
 * every tenant-owned row. Row-level security on clients lets the tenant role see only this one.
 */
@Injectable()
export class TenantClientStore {
  async get(): Promise<Client> {
    const { manager, clientId } = TenantContext.current();
    const client = await manager.findOne(Client, { where: { id: clientId } });
    if (!client) throw new NotFoundError('Client not found');
    return client;
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
}
