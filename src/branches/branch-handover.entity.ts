import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Branch } from './branch.entity';

/**
 * An invitation to take over as the branch's secretary. Only a SHA-256 of the
 * emailed token is stored; it is used once.
 */
@Entity({ name: 'branch_handovers' })
@Index('uq_branch_handovers_token_hash', ['tokenHash'], { unique: true })
@Index('ix_branch_handovers_branch', ['branchId'])
export class BranchHandover {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_branch_handovers' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_branch_handovers_branch' })
  branch?: Relation<Branch>;

  @Column({ name: 'invited_by_id', type: 'uuid', nullable: true })
  invitedById!: string | null;

  /** Lower-cased; the account accepting must have this address. */
  @Column({ name: 'invitee_email', type: 'varchar', length: 254 })
  inviteeEmail!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by_id', type: 'uuid', nullable: true })
  acceptedById!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
