import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A call that asked for Rachel: billing's decision, and the whole minutes it holds while it lasts so
 * concurrent calls of one business cannot spend the same credit. Settled when the call is charged.
 */
@Entity({ name: 'call_admissions' })
export class CallAdmissionRecord {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'integer' }) client_id: number;
  @Column({ type: 'varchar', length: 64 }) call_sid: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) from_number: string | null;
  @Column({ type: 'boolean' }) admitted: boolean;
  @Column({ type: 'integer', default: 0 }) reserved_minutes: number;
  @Column({ type: 'timestamptz' }) admitted_at: Date;
  /** When Rachel put the caller through to the owner: only the call up to here is hers to charge. */
  @Column({ type: 'timestamptz', nullable: true }) handed_off_at: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) settled_at: Date | null;
}
