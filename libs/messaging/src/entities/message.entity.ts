import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One SMS to or from a client's Rachel number, keyed by Twilio's MessageSid. */
@Entity({ name: 'messages' })
export class Message {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 255, nullable: true }) twilio_sid: string | null;
  @Column({ type: 'varchar', length: 20 }) direction: 'inbound' | 'outbound';
  @Column({ type: 'varchar', length: 255 }) from_number: string;
  @Column({ type: 'varchar', length: 255 }) to_number: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status: string;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
