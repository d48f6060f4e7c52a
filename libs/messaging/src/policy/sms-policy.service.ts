import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TenantContext, TenantRepository } from '@ringlypro/core';
import type { Client } from '@ringlypro/tenancy';
import { Message } from '../entities/message.entity';
import { destinationRefusal, isBlank, type SmsRefusal } from './sms-refusal';

/** Namespace of the per-tenant advisory lock that makes "count, then insert" one step. */
const SMS_COUNT_LOCK = 7_246_011;

/**
 * The rules every outbound text obeys, for API sends and jobs alike. Counts are kept in Postgres
 * (the messages table, under the tenant's row-level security), so the limits hold across replicas
 * and workers; the windows use the database's clock, the same one that stamps created_at.
 */
@Injectable()
export class SmsPolicy {
  private readonly messages = new TenantRepository(Message);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** What is wrong with this text whenever it is sent: the business, the body, the recipient. */
  contentRefusal(client: Client, to: string, body: string): SmsRefusal | null {
    if (!client.active) return { kind: 'deactivated', message: 'This business is deactivated and cannot send texts' };
    if (isBlank(body)) return { kind: 'blank-body', message: 'body must contain text, not only spaces' };
    if (client.ringlypro_number && to === client.ringlypro_number) return { kind: 'own-number', message: "Texts cannot be sent to the business's own Rachel number" };
    return destinationRefusal(to, this.config.sms.allowedCountries);
  }

  /**
   * Whether the tenant may create one more outbound text now. Takes a transaction-scoped lock per
   * tenant first, so concurrent sends count one after another and the cap is never overshot; the
   * caller inserts its row in the same transaction.
   */
  async volumeRefusal(): Promise<SmsRefusal | null> {
    const { manager, clientId } = TenantContext.current();
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [SMS_COUNT_LOCK, clientId]);
    const lastDay = await this.sentWithin(86_400);
    const lastMinute = await this.sentWithin(60);
    const { maxPerMinute, maxPerDay } = this.config.sms;
    if (lastDay >= maxPerDay) return { kind: 'daily-cap', message: `This business has sent its ${maxPerDay} texts for the last 24 hours; try again later` };
    if (lastMinute >= maxPerMinute) return { kind: 'rate', message: `At most ${maxPerMinute} texts a minute; try again in a minute` };
    return null;
  }

  /** A confirmation may be sent (the automatic one plus re-sends) a bounded number of times. */
  async confirmationRefusal(appointmentId: number): Promise<SmsRefusal | null> {
    const sent = await this.messages
      .query('m')
      .andWhere('m.appointment_id = :appointmentId', { appointmentId })
      .andWhere(`m.purpose = 'confirmation'`)
      .andWhere(`m.status <> 'refused'`)
      .getCount();
    const max = this.config.sms.maxConfirmationSends;
    return sent >= max ? { kind: 'confirmation-cap', message: `This appointment's confirmation has already been sent ${sent} times (at most ${max})` } : null;
  }

  /** Outbound texts created in the last `seconds` that were not refused (refusals cost nothing). */
  private sentWithin(seconds: number): Promise<number> {
    return this.messages
      .query('m')
      .andWhere(`m.direction = 'outbound'`)
      .andWhere(`m.status <> 'refused'`)
      .andWhere('m.created_at > NOW() - make_interval(secs => :seconds)', { seconds })
      .getCount();
  }
}
