import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Timestamped } from '../database/timestamped.entity';
import { Affiliation } from '../affiliations/affiliation.entity';
import { Branch } from '../branches/branch.entity';

/**
 * One affiliation's fee. The amount is fixed when it is raised (a later change
 * to the fee bands does not touch it); only an agreed "pay what you can"
 * amount replaces it. What has been paid is never stored here: it is the sum
 * of the payments ledger. `paid_at`, `overdue_at` and `lapsed_at` mark the
 * moments the time rules and payments have acted on, so each happens once.
 */
@Entity({ name: 'invoices' })
@Unique('uq_invoices_affiliation', ['affiliationId'])
@Unique('uq_invoices_reference', ['reference'])
@Index('ix_invoices_branch_issued', ['branchId', 'issuedOn'])
@Index('ix_invoices_due_on', ['dueOn'])
// The arrears list and the overdue rule: the few unpaid invoices, by due date, without reading the many paid ones.
@Index('ix_invoices_unpaid_due_on', ['dueOn'], { where: '"paid_at" IS NULL' })
@Check('ck_invoices_amount_pence', '"amount_pence" >= 0')
export class Invoice extends Timestamped {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invoices' })
  id!: string;

  @Column({ name: 'affiliation_id', type: 'uuid' })
  affiliationId!: string;

  @ManyToOne(() => Affiliation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'affiliation_id', foreignKeyConstraintName: 'fk_invoices_affiliation' })
  affiliation?: Relation<Affiliation>;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_invoices_branch' })
  branch?: Relation<Branch>;

  /** `PSOOL-2026-0042-K`: see payment-reference.ts. */
  @Column({ type: 'varchar', length: 32 })
  reference!: string;

  @Column({ name: 'affiliation_year', type: 'integer' })
  affiliationYear!: number;

  @Column({ name: 'amount_pence', type: 'integer' })
  amountPence!: number;

  /** The fee band's label when raised, e.g. "Up to 500 members". */
  @Column({ name: 'band_label', type: 'varchar', length: 120 })
  bandLabel!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** Set when the ledger settles it in full; cleared if a reversal unsettles it. */
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /** When the time rules found it unpaid past its due date (and, with FEES_AUTO_REMINDER, sent its first reminder: invoice_reminders). */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  /** When the time rules lapsed the affiliation for it. */
  @Column({ name: 'lapsed_at', type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;

  @Column({ name: 'amount_agreed_at', type: 'timestamptz', nullable: true })
  amountAgreedAt!: Date | null;
}
