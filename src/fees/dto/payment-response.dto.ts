import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PaymentListRow } from '../invoices.repository';
import { REFERENCE_PATTERN } from '../payment-reference';
import { PAYMENT_METHODS, PAYMENT_SOURCES, type PaymentMethod, type PaymentSource } from '../payment.entity';

/** One entry of the payments ledger: money received, or (negative) the reversal of an earlier entry. */
export class PaymentDto {
  @ApiProperty({ format: 'uuid', example: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b' })
  id!: string;

  @ApiProperty({ pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K', description: 'The payment reference of the invoice paid' })
  reference!: string;

  @ApiProperty({ format: 'uuid' })
  invoiceId!: string;

  @ApiProperty({ format: 'uuid' })
  branchId!: string;

  @ApiProperty({ example: 'Unite Bristol Central', description: 'The branch’s public name' })
  publicName!: string;

  @ApiProperty({ type: 'integer', example: 2500, description: 'Integer pence: positive for money received, negative for a reversal' })
  amountPence!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The day the money arrived (a reversal: the day it was made)' })
  receivedOn!: string;

  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod', example: 'bank_transfer' })
  method!: PaymentMethod;

  @ApiProperty({ example: 'FP 4417 2093', description: 'The bank’s reference for the transaction, or the cheque number' })
  bankReference!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The admin’s note; for a reversal, why it was reversed' })
  note!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'For a reversal: the payment it cancels' })
  reversesPaymentId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The reversal that cancels this payment, if there is one' })
  reversedById!: string | null;

  @ApiProperty({ enum: PAYMENT_SOURCES, enumName: 'PaymentSource', description: 'manual: an admin typed it in; statement: confirmed from a bank statement import' })
  source!: PaymentSource;

  @ApiProperty({ type: String, format: 'date-time', description: 'When it was recorded' })
  createdAt!: Date;

  static from(p: PaymentListRow): PaymentDto {
    return {
      id: p.id,
      reference: p.reference,
      invoiceId: p.invoiceId,
      branchId: p.branchId,
      publicName: p.publicName,
      amountPence: p.amountPence,
      receivedOn: p.receivedOn,
      method: p.method,
      bankReference: p.bankReference,
      note: p.note,
      reversesPaymentId: p.reversesPaymentId,
      reversedById: p.reversedById,
      source: p.source,
      createdAt: p.createdAt,
    };
  }
}

/** A payment (or reversal) just sent: stored now, or found stored from an earlier identical request. */
export class RecordedPaymentDto extends PaymentDto {
  @ApiProperty({ description: 'True when this request stored it (201); false when the same entry was already in the ledger (200)' })
  created!: boolean;

  static recorded(p: PaymentListRow, created: boolean): RecordedPaymentDto {
    return { ...PaymentDto.from(p), created };
  }
}
