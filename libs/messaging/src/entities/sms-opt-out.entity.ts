import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A number that asked one business to stop texting it (STOP) or that Twilio reports unsubscribed. */
@Entity({ name: 'sms_opt_outs' })
export class SmsOptOut {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @Column({ type: 'varchar', length: 20, default: 'keyword' }) source: 'keyword' | 'carrier';
  @Column({ type: 'timestamptz', default: () => 'NOW()' }) opted_out_at: Date;
}
