import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Branch } from './branch.entity';

export const SECRETARY_CHANGE_REASONS = ['registered', 'handover', 'takeover', 'admin_reassign', 'account_deleted'] as const;
export type SecretaryChangeReason = (typeof SECRETARY_CHANGE_REASONS)[number];

/** How each change reads in the branch's history. */
export const SECRETARY_CHANGE_LABELS: Record<SecretaryChangeReason, string> = {
  registered: 'registered the branch',
  handover: 'handed over by the previous secretary',
  takeover: 'takeover request confirmed by an admin',
  admin_reassign: 'given the branch by an admin',
  account_deleted: 'the secretary deleted their account',
};

/** Who was the branch's secretary when: one row per change, never updated. */
@Entity({ name: 'branch_secretary_changes' })
@Index('ix_branch_secretary_changes_branch', ['branchId', 'createdAt'])
export class BranchSecretaryChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_branch_secretary_changes' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_branch_secretary_changes_branch' })
  branch?: Relation<Branch>;

  /** Kept as plain ids (no foreign key) so history survives an account's deletion. */
  @Column({ name: 'from_user_id', type: 'uuid', nullable: true })
  fromUserId!: string | null;

  @Column({ name: 'to_user_id', type: 'uuid', nullable: true })
  toUserId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  reason!: SecretaryChangeReason;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
