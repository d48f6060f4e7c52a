import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One billed use (a call's minutes or an SMS), with the balances before and after it. */
@Entity({ name: 'usage_records' })
export class UsageRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 255, nullable: true }) call_sid: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) message_sid: string | null;
  @Column({ type: 'varchar', length: 20 }) usage_type: 'voice_call' | 'sms';
  @Column({ type: 'integer', nullable: true }) duration_seconds: number | null;
  @Column({ type: 'numeric', nullable: true }) duration_minutes: string | null;
  @Column({ type: 'numeric', default: '0.0000' }) cost: string;
  @Column({ type: 'varchar', length: 20 }) charged_from: 'free_tier' | 'paid_balance' | 'mixed';
  @Column({ type: 'numeric', nullable: true }) balance_before: string | null;
  @Column({ type: 'numeric', nullable: true }) balance_after: string | null;
  @Column({ type: 'integer', nullable: true }) free_minutes_before: number | null;
  @Column({ type: 'integer', nullable: true }) free_minutes_after: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
