import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@ringlypro/core';
import { SmsOptOut } from '../entities/sms-opt-out.entity';

/** Numbers that asked this business to stop texting them. Opt-outs are per business, not global. */
@Injectable()
export class OptOutsService {
  private readonly optOuts = new TenantRepository(SmsOptOut);

  async isOptedOut(phone: string): Promise<boolean> {
    return (await this.optOuts.count({ phone })) > 0;
  }

  async optOut(phone: string, source: SmsOptOut['source']): Promise<void> {
    await this.optOuts.insertOrIgnore({ phone, source });
  }

  async optIn(phone: string): Promise<void> {
    await this.optOuts.delete({ phone });
  }
}
