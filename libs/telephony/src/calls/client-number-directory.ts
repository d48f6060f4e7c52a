import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@ringlypro/core';
import { Client } from '@ringlypro/tenancy';

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
 * The one narrow cross-tenant lookup of the webhook flow ('webhook-number-lookup'): Twilio tells us
 * which number was dialed (or the path names the client); this says which business that is.
 */
@Injectable()
export class ClientNumberDirectory {
  constructor(private readonly db: TenantDatabase) {}

  byNumber(dialed: string): Promise<WebhookClient | null> {
    return this.find({ ringlypro_number: dialed });
  }

  byId(id: number): Promise<WebhookClient | null> {
    return Number.isSafeInteger(id) && id > 0 ? this.find({ id }) : Promise.resolve(null);
  }

  private find(where: { id: number } | { ringlypro_number: string }): Promise<WebhookClient | null> {
    return this.db.platform('webhook-number-lookup', (manager) =>
      manager.findOne(Client, {
        where,
        select: { id: true, business_name: true, owner_phone: true, ringlypro_number: true, active: true, rachel_enabled: true, custom_greeting: true, voice_transport: true },
      }),
    );
  }
}
