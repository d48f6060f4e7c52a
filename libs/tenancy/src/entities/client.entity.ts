import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const FORWARDING_STATUSES = ['pending', 'active', 'inactive', 'failed'] as const;
export type ForwardingStatus = (typeof FORWARDING_STATUSES)[number];

/** The tenant: one small business with its own Rachel number and settings. */
@Entity({ name: 'clients' })
export class Client {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 255 }) business_name: string;
  /** E.164. The business's own line, which forwards unanswered calls to ringlypro_number. */
  @Column({ type: 'varchar', length: 20 }) business_phone: string;
  /** E.164. The dedicated Twilio number; null until provisioning succeeds. */
  @Column({ type: 'varchar', length: 20, nullable: true }) ringlypro_number: string | null;
  @Column({ type: 'varchar', length: 255 }) owner_name: string;
  @Column({ type: 'varchar', length: 20 }) owner_phone: string;
  @Column({ type: 'varchar', length: 255 }) owner_email: string;
  @Column({ type: 'text', nullable: true }) custom_greeting: string | null;
  /** Free text Rachel answers pricing and services questions from ("Haircut $30, colour from $80…"). */
  @Column({ type: 'text', nullable: true }) services_info: string | null;
  /** Where the business is, as Rachel says it when asked. */
  @Column({ type: 'text', nullable: true }) business_address: string | null;
  /** Local wall-clock 'HH:MM:SS' in `timezone`. */
  @Column({ type: 'time', default: '09:00:00' }) business_hours_start: string;
  @Column({ type: 'time', default: '17:00:00' }) business_hours_end: string;
  @Column({ type: 'varchar', length: 20, default: 'Mon-Fri' }) business_days: string;
  /** IANA zone; every local date and time of this client is read in it. */
  @Column({ type: 'varchar', length: 50, default: 'America/New_York' }) timezone: string;
  @Column({ type: 'integer', default: 30 }) appointment_duration: number;
  @Column({ type: 'boolean', default: true }) booking_enabled: boolean;
  @Column({ type: 'boolean', default: true }) sms_notifications: boolean;
  @Column({ type: 'integer', default: 100 }) monthly_free_minutes: number;
  /** Dollars per minute, exact decimal kept as a string. */
  @Column({ type: 'numeric', default: '0.100' }) per_minute_rate: string;
  @Column({ type: 'boolean', default: true }) rachel_enabled: boolean;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
  @Column({ type: 'integer', nullable: true }) user_id: number | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) twilio_number_sid: string | null;
  @Column({ type: 'varchar', length: 20, default: 'pending' }) forwarding_status: ForwardingStatus;
  /** The area code asked for at sign-up; provisioning tries it first. */
  @Column({ type: 'varchar', length: 3, nullable: true }) preferred_area_code: string | null;
  /** Why the last provisioning attempt failed; null once a number is active. */
  @Column({ type: 'text', nullable: true }) provisioning_error: string | null;
}
