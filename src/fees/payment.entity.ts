import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Branch } from '../branches/branch.entity';
import { Invoice } from './invoice.entity';

export const PAYMENT_METHODS = ['bank_transfer', 'cheque', 'card', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** 'manual': an admin typed it in; 'statement': confirmed from a bank statement import. */
export const PAYMENT_SOURCES = ['manual', 'statement'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];
export const METHOD_LABELS: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', cheque: 'Cheque', card: 'Card', cash: 'Cash' };

/**
 * The payments ledger. Append-only: a trigger (CreateFees migration) refuses
 * every UPDATE and DELETE; a mistake is corrected by a reversing entry, a
 * negative amount that names the payment it reverses.
 *
 * Idempotency: a payment is identified by its natural key (invoice, amount,
 * date received, method, bank reference). Sending the same payment twice
 * stores it once (uq_payments_natural_key).
 */
@Entity({ name: 'payments' })
@Unique('uq_payments_natural_key', ['invoiceId', 'amountPence', 'receivedOn', 'method', 'bankReference'])
@Unique('uq_payments_reverses', ['reversesPaymentId'])
@Index('ix_payments_branch', ['branchId', 'receivedOn'])
@Index('ix_payments_received_on', ['receivedOn'])
@Check('ck_payments_method', `"method" IN (${sqlLiterals(PAYMENT_METHODS)})`)
@Check('ck_payments_sign', '("reverses_payment_id" IS NULL AND "amount_pence" > 0) OR ("reverses_payment_id" IS NOT NULL AND "amount_pence" < 0)')
export class Payment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_payments' })
  id!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_payments_invoice' })
  invoice?: Relation<Invoice>;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_payments_branch' })
  branch?: Relation<Branch>;

  /** Positive for money received; negative for a reversal. */
  @Column({ name: 'amount_pence', type: 'integer' })
  amountPence!: number;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: PaymentMethod;

  /** The bank's own reference for the transaction (or the cheque number); part of the natural key. */
  @Column({ name: 'bank_reference', type: 'varchar', length: 140 })
  bankReference!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'reverses_payment_id', type: 'uuid', nullable: true })
  reversesPaymentId!: string | null;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'reverses_payment_id', foreignKeyConstraintName: 'fk_payments_reverses' })
  reverses?: Relation<Payment> | null;

  @Column({ type: 'varchar', length: 16, default: 'manual' })
  source!: PaymentSource;

  /** The admin who recorded it; no foreign key, so the ledger never changes when an account is deleted. */
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
