import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const APPOINTMENT_STATUSES = ['confirmed', 'pending', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_SOURCES = ['voice_booking', 'manual', 'web', 'sms'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];

/**
 * A booking. appointment_date/appointment_time are the client's local wall clock; starts_at/ends_at
 * are the UTC instants the database derives from them, and the overlap constraint works on those.
 */
@Entity({ name: 'appointments' })
export class Appointment {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'integer', nullable: true }) contact_id: number | null;
  @Column({ type: 'varchar', length: 255 }) customer_name: string;
  @Column({ type: 'varchar', length: 255 }) customer_phone: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) customer_email: string | null;
  /** 'YYYY-MM-DD', local to the client. */
  @Column({ type: 'date' }) appointment_date: string;
  /** 'HH:MM:SS', local to the client. */
  @Column({ type: 'time' }) appointment_time: string;
  @Column({ type: 'integer', default: 60 }) duration: number;
  @Column({ type: 'varchar', length: 255, default: 'General Consultation' }) purpose: string;
  @Column({ type: 'varchar', length: 20, default: 'confirmed' }) status: AppointmentStatus;
  @Column({ type: 'varchar', length: 20, default: 'voice_booking' }) source: AppointmentSource;
  @Column({ type: 'varchar', length: 20, nullable: true }) confirmation_code: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) call_sid: string | null;
  @Column({ type: 'boolean', default: false }) reminder_sent: boolean;
  @Column({ type: 'boolean', default: false }) confirmation_sent: boolean;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  /** Written by the appointments_derive_instants trigger only. */
  @Column({ type: 'timestamptz', insert: false, update: false }) starts_at: Date;
  @Column({ type: 'timestamptz', insert: false, update: false }) ends_at: Date;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
