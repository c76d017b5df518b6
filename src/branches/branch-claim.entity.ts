import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { User } from '../users/user.entity';
import { Branch } from './branch.entity';

export const CLAIM_STATUSES = ['pending', 'approved', 'declined'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * A secretary asking to take over a branch that is already registered (found
 * by the duplicate guard). An admin confirms or declines.
 */
@Entity({ name: 'branch_claims' })
@Index('uq_branch_claims_pending', ['branchId', 'requesterId'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_branch_claims_status_created_at', ['status', 'createdAt'])
@Check('ck_branch_claims_status', `"status" IN (${sqlLiterals(CLAIM_STATUSES)})`)
export class BranchClaim {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_branch_claims' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_branch_claims_branch' })
  branch?: Relation<Branch>;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'fk_branch_claims_requester' })
  requester?: Relation<User>;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ClaimStatus;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
