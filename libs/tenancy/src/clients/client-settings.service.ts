import { Injectable } from '@nestjs/common';
import { DatabaseTimeZones, InvalidInputError, JobIds, JobName, minutesOfDay, QueueService } from '@ringlypro/core';
import { createHash } from 'node:crypto';
import type { Client } from '../entities/client.entity';
import type { UpdateClientDto } from './dto/update-client.dto';
import { TenantClientStore } from './tenant-client.store';

/** Reads and changes the current tenant's profile and Rachel's settings. */
@Injectable()
export class ClientSettingsService {
  constructor(
    private readonly store: TenantClientStore,
    private readonly timeZones: DatabaseTimeZones,
    private readonly queue: QueueService,
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
    const updated = await this.store.update({ ...dto });
    // What Rachel opens every call with changed: render it in her voice before the next call needs it.
    if (dto.custom_greeting !== undefined || dto.voice_id !== undefined || dto.business_name !== undefined) {
      const version = createHash('sha256').update(JSON.stringify([updated.business_name, updated.custom_greeting, updated.voice_id])).digest('hex').slice(0, 16);
      await this.queue.enqueue(JobName.PrerenderVoiceLines, { client_id: updated.id }, { jobId: JobIds.prerenderVoice(updated.id, version) });
    }
    return updated;
  }
}
