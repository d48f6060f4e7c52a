import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A customer of one business (CRM). Unique per (client_id, phone) and (client_id, email). */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 255 }) first_name: string;
  @Column({ type: 'varchar', length: 255 }) last_name: string;
  @Column({ type: 'varchar', length: 255 }) phone: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'varchar', length: 20, default: 'active' }) status: string;
  @Column({ type: 'varchar', length: 255, default: 'manual' }) source: string;
  @Column({ type: 'timestamptz', nullable: true }) last_contacted_at: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
