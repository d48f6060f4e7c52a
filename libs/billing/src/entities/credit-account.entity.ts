import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A client's prepaid balance and free-minute allowance. Money is NUMERIC, kept as decimal strings. */
@Entity({ name: 'credit_accounts' })
export class CreditAccount {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'numeric', default: '0.00' }) balance: string;
  @Column({ type: 'integer', default: 0 }) free_minutes_used: number;
  /** 'YYYY-MM-DD': the first day of the next month when the allowance resets. */
  @Column({ type: 'date', insert: false }) free_minutes_reset_date: string;
  @Column({ type: 'integer', default: 0 }) total_minutes_used: number;
  @Column({ type: 'numeric', default: '0.00' }) total_amount_spent: string;
  @Column({ type: 'timestamptz', nullable: true }) last_usage_date: Date | null;
  @Column({ type: 'boolean', default: false }) low_balance_notified: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
