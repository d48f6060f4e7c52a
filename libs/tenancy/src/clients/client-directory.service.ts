import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@ringlypro/core';
import { Client } from '../entities/client.entity';

/** Platform administrators' view across tenants: the named cross-tenant path 'admin-client-listing'. */
@Injectable()
export class ClientDirectory {
  constructor(private readonly db: TenantDatabase) {}

  list(page: number, pageSize: number) {
    return this.db.platform('admin-client-listing', async (manager) => {
      const [items, total] = await manager.findAndCount(Client, { order: { id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
      return { items, total, page, page_size: pageSize };
    });
  }
}
