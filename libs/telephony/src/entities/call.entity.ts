import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
