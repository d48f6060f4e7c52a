import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The full story of an unexpected error; the client only ever sees its request_id. Platform-owned. */
@Entity({ name: 'error_logs' })
export class ErrorLog {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'integer', nullable: true }) client_id: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) request_id: string | null;
  @Column({ type: 'varchar', length: 20, default: 'http' }) source: 'http' | 'job' | 'webhook';
  @Column({ type: 'varchar', length: 10, nullable: true }) method: string | null;
  @Column({ type: 'varchar', length: 2048, nullable: true }) path: string | null;
  @Column({ type: 'integer', nullable: true }) status_code: number | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) error_name: string | null;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'text', nullable: true }) stack: string | null;
  @Column({ type: 'jsonb', nullable: true }) context: Record<string, unknown> | null;
  /** Same fingerprint within one minute (window_start) → one row, counted in occurrences. */
  @Column({ type: 'varchar', length: 64, nullable: true }) fingerprint: string | null;
  @Column({ type: 'timestamptz', nullable: true }) window_start: Date | null;
  @Column({ type: 'integer', default: 1 }) occurrences: number;
  @Column({ type: 'timestamptz' }) last_seen_at: Date;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
