import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MESSAGE_PURPOSES = ['manual', 'confirmation', 'reminder', 'reply', 'inbound', 'rescheduled', 'cancelled', 'billing', 'owner_alert'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

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
  /** queued → sending → sent → delivered | undelivered | failed; 'refused' when we would not send; inbound: 'received'. */
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status: string;
  @Column({ type: 'varchar', length: 20, default: 'manual' }) purpose: MessagePurpose;
  @Column({ type: 'integer', nullable: true }) appointment_id: number | null;
  /** Twilio's error code when it failed (21211 invalid number, 21610 unsubscribed, …). */
  @Column({ type: 'integer', nullable: true }) error_code: number | null;
  @Column({ type: 'text', nullable: true }) error_message: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updated_at: Date;
}
