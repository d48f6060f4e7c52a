import { Injectable } from '@nestjs/common';
import type { ForwardingStatus } from '../entities/client.entity';
import { TenantClientStore } from './tenant-client.store';

export interface RachelStatus {
  client_id: number;
  rachel_enabled: boolean;
  forwarding_status: ForwardingStatus;
  ringlypro_number: string | null;
}

/**
 * The database side of Rachel's on/off switch. Telephony's toggle drives Twilio first and then
 * records the outcome here; this service never talks to Twilio itself.
 */
@Injectable()
export class RachelStatusService {
  constructor(private readonly store: TenantClientStore) {}

  async get(): Promise<RachelStatus> {
    const c = await this.store.get();
    return { client_id: c.id, rachel_enabled: c.rachel_enabled, forwarding_status: c.forwarding_status, ringlypro_number: c.ringlypro_number };
  }

  async record(rachelEnabled: boolean, forwardingStatus: ForwardingStatus): Promise<RachelStatus> {
    await this.store.update({ rachel_enabled: rachelEnabled, forwarding_status: forwardingStatus });
    return this.get();
  }
}
