import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type UsageType = 'voice_call' | 'sms' | 'credit_purchase' | 'adjustment';
export type ChargedFrom = 'free_tier' | 'paid_balance' | 'mixed' | 'credit';
export type LedgerSource = 'metered' | 'manual' | 'stripe' | 'admin' | 'test';

/**
 * One line of the ledger: a call's minutes, a text, a credit purchase or an adjustment, with the
 * balances before and after it. Unique per tenant on call_sid, message_sid and reference, which is
 * what makes every charge and credit happen once.
 */
@Entity({ name: 'usage_records' })
export class UsageRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 255, nullable: true }) call_sid: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) message_sid: string | null;
  /** The idempotency key of a credit: a Stripe Checkout session id, an adjustment's key. */
  @Column({ type: 'varchar', length: 255, nullable: true }) reference: string | null;
  @Column({ type: 'varchar', length: 20 }) usage_type: UsageType;
  @Column({ type: 'varchar', length: 20, default: 'metered' }) source: LedgerSource;
  @Column({ type: 'integer', nullable: true }) duration_seconds: number | null;
  /** Billed whole minutes (rounded up). */
  @Column({ type: 'numeric', nullable: true }) duration_minutes: string | null;
  @Column({ type: 'integer', default: 0 }) free_minutes_charged: number;
  @Column({ type: 'integer', default: 0 }) paid_minutes_charged: number;
  @Column({ type: 'integer', nullable: true }) segments: number | null;
  /** Dollars taken from the paid balance. */
  @Column({ type: 'numeric', default: '0.0000' }) cost: string;
  /** Dollars added to the paid balance (purchases, refunds). */
  @Column({ type: 'numeric', default: '0' }) credit_amount: string;
  @Column({ type: 'varchar', length: 20 }) charged_from: ChargedFrom;
  @Column({ type: 'numeric', nullable: true }) balance_before: string | null;
  @Column({ type: 'numeric', nullable: true }) balance_after: string | null;
  @Column({ type: 'integer', nullable: true }) free_minutes_before: number | null;
  @Column({ type: 'integer', nullable: true }) free_minutes_after: number | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
