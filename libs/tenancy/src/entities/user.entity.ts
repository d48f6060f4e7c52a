import type { UserRole } from '../auth/auth-user';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person who logs in to the dashboard. Platform-owned: users are not scoped to one tenant. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 255 }) email: string;
  @Column({ type: 'varchar', length: 255, select: false }) password_hash: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) first_name: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) last_name: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) business_name: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) business_phone: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) business_type: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) website_url: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone_number: string | null;
  @Column({ type: 'text', nullable: true }) business_description: string | null;
  @Column({ type: 'jsonb', nullable: true }) business_hours: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) services: string | null;
  @Column({ type: 'boolean', default: false }) terms_accepted: boolean;
  @Column({ type: 'integer', default: 100 }) free_trial_minutes: number;
  @Column({ type: 'boolean', default: false }) onboarding_completed: boolean;
  /** 'admin' is a platform administrator; everyone else owns one client. */
  @Column({ type: 'varchar', length: 20, default: 'owner' }) role: UserRole;
  /** A deactivated user cannot log in, and tokens already issued stop working. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Last successful login; an account unused for long enough gives its Rachel number back. */
  @Column({ type: 'timestamptz', nullable: true }) last_login_at: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
