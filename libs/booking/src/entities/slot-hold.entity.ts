import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A slot offered to a caller, held for their call until `expires_at` (see SlotHolds). */
@Entity({ name: 'slot_holds' })
export class SlotHold {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 64 }) call_sid: string;
  @Column({ type: 'timestamptz' }) starts_at: Date;
  @Column({ type: 'timestamptz' }) ends_at: Date;
  @Column({ type: 'timestamptz' }) expires_at: Date;
  @CreateDateColumn({ type: 'timestamptz' }) created_at: Date;
}
