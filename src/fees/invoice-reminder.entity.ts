import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { sqlLiterals } from '../database/sql-literals';
import { Invoice } from './invoice.entity';

/** 'manual': an admin sent it from the arrears list or the API; 'automatic': the time rules sent it when the invoice became overdue. */
export const REMINDER_KINDS = ['manual', 'automatic'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * A reminder emailed to a branch's secretary about an unpaid invoice: when,
 * and how it was sent. Written in the transaction that queues the email and
 * its audit row, under the invoice's row lock, so an invoice gets at most one
 * in REMINDER_INTERVAL_DAYS. It holds nothing about the secretary: the email
 * itself is in the outbox, forgotten with the account.
 */
@Entity({ name: 'invoice_reminders' })
@Index('ix_invoice_reminders_invoice_reminded_at', ['invoiceId', 'remindedAt'])
@Check('ck_invoice_reminders_kind', `"kind" IN (${sqlLiterals(REMINDER_KINDS)})`)
export class InvoiceReminder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invoice_reminders' })
  id!: string;

  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId!: string;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_invoice_reminders_invoice' })
  invoice?: Relation<Invoice>;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReminderKind;

  /** The admin who sent it (null for the time rules); no foreign key, so the record stays when the account is deleted, as a bare id. */
  @Column({ name: 'reminded_by', type: 'uuid', nullable: true })
  remindedBy!: string | null;

  /** When it was queued: the clock's "now", so the 7-day rule can be tested without waiting. */
  @Column({ name: 'reminded_at', type: 'timestamptz' })
  remindedAt!: Date;
}
