import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The seed's combined status, now derived by a database trigger (see migration 1764000000300). */
export const FORWARDING_STATUSES = ['pending', 'active', 'inactive', 'failed'] as const;
export type ForwardingStatus = (typeof FORWARDING_STATUSES)[number];

/** Where the Rachel number stands; Rachel on/off is rachel_enabled, carrier forwarding is forwarding_verified. */
export const NUMBER_STATUSES = ['pending', 'active', 'failed', 'released'] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];

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
  /** ElevenLabs voice Rachel speaks with for this business; null: the platform default. */
  @Column({ type: 'varchar', length: 64, nullable: true }) voice_id: string | null;
  /** How Rachel's calls are carried: 'gather' (webhook per turn) or 'relay' (ConversationRelay); null: VOICE_TRANSPORT. */
  @Column({ type: 'varchar', length: 8, nullable: true }) voice_transport: 'gather' | 'relay' | null;
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
  /**
   * Read-only here: a trigger derives it from number_status and rachel_enabled (pending → pending,
   * failed → failed, released → inactive, active → active or inactive by rachel_enabled).
   */
  @Column({ type: 'varchar', length: 20, default: 'pending', insert: false, update: false }) forwarding_status: ForwardingStatus;
  @Column({ type: 'varchar', length: 20, default: 'pending' }) number_status: NumberStatus;
  /** A call reached the Rachel number forwarded from the business phone: the carrier forwarding works. */
  @Column({ type: 'boolean', default: false }) forwarding_verified: boolean;
  @Column({ type: 'timestamptz', nullable: true }) forwarding_verified_at: Date | null;
  /** When and why the number was given back to Twilio (number_status 'released'). */
  @Column({ type: 'timestamptz', nullable: true }) number_released_at: Date | null;
  @Column({ type: 'text', nullable: true }) number_release_reason: string | null;
  /** When the current number was bought; the platform's provisioning budget counts these. */
  @Column({ type: 'timestamptz', nullable: true }) number_provisioned_at: Date | null;
  /** The area code asked for at sign-up; provisioning tries it first. */
  @Column({ type: 'varchar', length: 3, nullable: true }) preferred_area_code: string | null;
  /** Why the last provisioning attempt failed; null once a number is active. */
  @Column({ type: 'text', nullable: true }) provisioning_error: string | null;
}
