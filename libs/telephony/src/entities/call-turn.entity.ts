import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a call's transcript: what the caller said (with Twilio's confidence) or what Rachel said. */
@Entity({ name: 'call_turns' })
export class CallTurn {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'integer' }) call_id: number;
  /** The conversation turn: 0 is Rachel's greeting, then each caller utterance and Rachel's answer share a number. */
  @Column({ type: 'integer' }) turn: number;
  @Column({ type: 'varchar', length: 10 }) speaker: 'caller' | 'rachel';
  /** The line's place among that speaker's lines in the turn (Rachel often says several). */
  @Column({ type: 'smallint', default: 0 }) line: number;
  @Column({ type: 'text' }) text: string;
  /** Twilio's speech-recognition confidence, 0–1, for the caller's lines. */
  @Column({ type: 'numeric', precision: 4, scale: 3, nullable: true }) confidence: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
