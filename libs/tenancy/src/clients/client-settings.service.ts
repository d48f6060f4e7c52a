import { Injectable } from '@nestjs/common';
import { DatabaseTimeZones, InvalidInputError, minutesOfDay } from '@ringlypro/core';
import type { Client } from '../entities/client.entity';
import type { UpdateClientDto } from './dto/update-client.dto';
import { TenantClientStore } from './tenant-client.store';

/** Reads and changes the current tenant's profile and Rachel's settings. */
@Injectable()
export class ClientSettingsService {
  constructor(
    private readonly store: TenantClientStore,
    private readonly timeZones: DatabaseTimeZones,
  ) {}

  get(): Promise<Client> {
    return this.store.get();
  }

  async update(dto: UpdateClientDto): Promise<Client> {
    await this.timeZones.assertKnown(dto.timezone);
    const current = await this.store.get();
    const start = dto.business_hours_start ?? current.business_hours_start;
    const end = dto.business_hours_end ?? current.business_hours_end;
    if (minutesOfDay(end.slice(0, 5))! <= minutesOfDay(start.slice(0, 5))!) {
      const field = dto.business_hours_end !== undefined ? 'business_hours_end' : 'business_hours_start';
      throw new InvalidInputError([{ field, message: `business_hours_end (${end.slice(0, 5)}) must be after business_hours_start (${start.slice(0, 5)})` }]);
    }
    return this.store.update({ ...dto });
  }
}
