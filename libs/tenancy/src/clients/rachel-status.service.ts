import { Injectable } from '@nestjs/common';
import type { Client, ForwardingStatus, NumberStatus } from '../entities/client.entity';
import { TenantClientStore } from './tenant-client.store';

export interface RachelStatus {
  client_id: number;
  rachel_enabled: boolean;
  number_status: NumberStatus;
  forwarding_verified: boolean;
  forwarding_verified_at: Date | null;
  /** The seed's combined status, derived from number_status and rachel_enabled. */
  forwarding_status: ForwardingStatus;
  ringlypro_number: string | null;
}

export function rachelStatusOf(c: Client): RachelStatus {
  return {
    client_id: c.id,
    rachel_enabled: c.rachel_enabled,
    number_status: c.number_status,
    forwarding_verified: c.forwarding_verified,
    forwarding_verified_at: c.forwarding_verified_at,
    forwarding_status: c.forwarding_status,
    ringlypro_number: c.ringlypro_number,
  };
}

/**
 * The database side of Rachel's on/off switch. Telephony's toggle drives Twilio first and then
 * records the outcome here; this service never talks to Twilio itself.
 */
@Injectable()
export class RachelStatusService {
  constructor(private readonly store: TenantClientStore) {}

  async get(): Promise<RachelStatus> {
    return rachelStatusOf(await this.store.get());
  }

  async record(rachelEnabled: boolean): Promise<RachelStatus> {
    return rachelStatusOf(await this.store.update({ rachel_enabled: rachelEnabled }));
  }
}
