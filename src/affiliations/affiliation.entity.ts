import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';
import { Branch } from '../branches/branch.entity';
import { sqlLiterals } from '../database/sql-literals';
import { AFFILIATION_STATUSES, type AffiliationStatus } from './affiliation-status';

/** One branch's affiliation for one affiliation year. Created and moved between statuses only by AffiliationWorkflow. */
@Entity({ name: 'affiliations' })
@Unique('uq_affiliations_branch_year', ['branchId', 'affiliationYear'])
@Index('ix_affiliations_status_submitted_at', ['status', 'submittedAt', 'id'])
@Index('ix_affiliations_submitted_at', ['submittedAt', 'id'])
@Check('ck_affiliations_fee_pence', '"fee_pence" >= 0')
@Check('ck_affiliations_status', `"status" IN (${sqlLiterals(AFFILIATION_STATUSES)})`)
export class Affiliation extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_affiliations' })
  id!: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_affiliations_branch' })
  branch?: Relation<Branch>;

  @Column({ name: 'affiliation_year', type: 'integer' })
  affiliationYear!: number;

  @Column({ type: 'varchar', length: 24, default: 'draft' })
  status!: AffiliationStatus;

  @Column({ name: 'motion_passed_on', type: 'date' })
  motionPassedOn!: string;

  @Column({ name: 'endorses_statement', type: 'boolean' })
  endorsesStatement!: boolean;

  /** Membership when submitted: the band was chosen from it. */
  @Column({ name: 'membership_size', type: 'integer' })
  membershipSize!: number;

  @Column({ name: 'fee_band_id', type: 'integer', nullable: true })
  feeBandId!: number | null;

  /** Named, not imported: fee bands belong to the fees feature, which depends on this one. */
  @ManyToOne('FeeBand', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'fee_band_id', foreignKeyConstraintName: 'fk_affiliations_fee_band' })
  feeBand?: Relation<{ id: number }> | null;

  /** The band's label and amount as they were when agreed; later edits to the band do not change them. */
  @Column({ name: 'fee_band_label', type: 'varchar', length: 120 })
  feeBandLabel!: string;

  @Column({ name: 'fee_pence', type: 'integer' })
  feePence!: number;

  @Column({ name: 'pay_what_you_can', type: 'boolean', default: false })
  payWhatYouCan!: boolean;

  @Column({ name: 'pay_what_you_can_note', type: 'text', nullable: true })
  payWhatYouCanNote!: string | null;

  /** Set when an admin agrees the amount; it then replaces fee_pence. */
  @Column({ name: 'pay_what_you_can_agreed_at', type: 'timestamptz', nullable: true })
  payWhatYouCanAgreedAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** The last reason or request an admin sent, shown to the secretary. */
  @Column({ name: 'admin_message', type: 'text', nullable: true })
  adminMessage!: string | null;
}
