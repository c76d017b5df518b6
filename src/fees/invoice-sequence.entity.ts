import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last invoice number used in each year; incremented in the raising transaction, so numbers are unique and in order. */
@Entity({ name: 'invoice_sequences' })
export class InvoiceSequence {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_invoice_sequences' })
  year!: number;

  @Column({ name: 'last_number', type: 'integer' })
  lastNumber!: number;
}
