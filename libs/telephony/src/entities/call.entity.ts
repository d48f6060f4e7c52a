import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** How a call ended, from the caller's side of it. */
export const CALL_OUTCOMES = ['booked', 'cancelled', 'rescheduled', 'looked_up', 'answered', 'message', 'voicemail', 'owner', 'missed', 'abandoned', 'hung_up', 'unknown_caller'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** One phone call through a client's Rachel number, keyed by Twilio's CallSid. */
@Entity({ name: 'calls' })
export class Call {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 255, nullable: true }) twilio_call_sid: string | null;
  @Column({ type: 'varchar', length: 20 }) direction: 'inbound' | 'outbound';
  @Column({ type: 'varchar', length: 255 }) from_number: string;
  @Column({ type: 'varchar', length: 255 }) to_number: string;
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status: string;
  /** Seconds, as Twilio reports CallDuration. */
  @Column({ type: 'integer', nullable: true }) duration: number | null;
  @Column({ type: 'timestamptz', nullable: true }) start_time: Date | null;
  /** What the caller wanted (Rachel's reading of it: book, cancel, reschedule, lookup, hours, …). */
  @Column({ type: 'varchar', length: 20, nullable: true }) intent: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome: CallOutcome | null;
  /** The appointment this call booked, cancelled or moved. */
  @Column({ type: 'integer', nullable: true }) appointment_id: number | null;
  /** The voicemail the caller left (Twilio's RecordingSid / RecordingUrl, seconds). */
  @Column({ type: 'varchar', length: 64, nullable: true }) recording_sid: string | null;
  @Column({ type: 'text', nullable: true }) recording_url: string | null;
  @Column({ type: 'integer', nullable: true }) recording_duration: number | null;
  /** A message the caller dictated to Rachel for the owner. */
  @Column({ type: 'text', nullable: true }) caller_message: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
