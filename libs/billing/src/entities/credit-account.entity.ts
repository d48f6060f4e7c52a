import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A client's prepaid balance and free-minute allowance. Money is NUMERIC, kept as decimal strings.
 * The table's open_reserved_minutes is deliberately not mapped: a trigger on call_admissions keeps it,
 * CallReservations' SQL reads it, and no entity write may ever touch it.
 */
@Entity({ name: 'credit_accounts' })
export class CreditAccount {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'numeric', default: '0.00' }) balance: string;
  /** Free minutes used this billing month; goodwill minutes push it below zero. */
  @Column({ type: 'integer', default: 0 }) free_minutes_used: number;
  /** 'YYYY-MM-DD': the first day of the business's next local month, when the allowance resets. */
  @Column({ type: 'date', insert: false }) free_minutes_reset_date: string;
  @Column({ type: 'integer', default: 0 }) total_minutes_used: number;
  @Column({ type: 'numeric', default: '0.00' }) total_amount_spent: string;
  @Column({ type: 'timestamptz', nullable: true }) last_usage_date: Date | null;
  /** The low-balance text went out; re-armed when a reload lifts the balance to the threshold again. */
  @Column({ type: 'boolean', default: false }) low_balance_notified: boolean;
  /** Local date of the last "Rachel is paused" text: at most one a day. */
  @Column({ type: 'date', nullable: true }) rachel_paused_notified_on: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
