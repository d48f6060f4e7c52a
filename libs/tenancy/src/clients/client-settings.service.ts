import { Injectable } from '@nestjs/common';
import { DatabaseTimeZones, InvalidInputError, JobIds, JobName, minutesOfDay, QueueService } from '@ringlypro/core';
import { createHash } from 'node:crypto';
import type { Client } from '../entities/client.entity';
import type { UpdateClientDto } from './dto/update-client.dto';
import { TenantClientStore } from './tenant-client.store';

/** The settings Rachel's fixed lines are made of (greeting, name, hours, days, address, prices) and her voice. */
const SPOKEN_SETTINGS = ['business_name', 'custom_greeting', 'voice_id', 'business_hours_start', 'business_hours_end', 'business_days', 'business_address', 'services_info'] as const;

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
    // Something Rachel says about the business (or her voice) changed: render her fixed lines again
    // before the next call needs them.
    if (SPOKEN_SETTINGS.some((field) => dto[field] !== undefined)) {
      const version = createHash('sha256').update(JSON.stringify(SPOKEN_SETTINGS.map((field) => updated[field]))).digest('hex').slice(0, 16);
      await this.queue.enqueue(JobName.PrerenderVoiceLines, { client_id: updated.id }, { jobId: JobIds.prerenderVoice(updated.id, version) });
    }
    return updated;
  }
}
