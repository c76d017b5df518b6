import { ApiProperty } from '@nestjs/swagger';
import { UNION_KEYS } from '../../branches/unions';
import type { TreasurerDashboard } from '../fees-reports.service';
import { REFERENCE_PATTERN } from '../payment-reference';

/** This year's invoices of one fee band, integer pence. */
export class BandTotalsDto {
  @ApiProperty({ example: 'Up to 500 members' })
  bandLabel!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 12, description: 'How many invoices' })
  invoices!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 30000 })
  invoicedPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 25000 })
  paidPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5000 })
  outstandingPence!: number;
}

/** An invoice unpaid past its due date. */
export class OverdueInvoiceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K' })
  reference!: string;

  @ApiProperty({ format: 'uuid' })
  branchId!: string;

  @ApiProperty({ example: 'Unite Bristol Central' })
  publicName!: string;

  @ApiProperty({ enum: UNION_KEYS, enumName: 'UnionKey', example: 'unite' })
  union!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The union’s name when `union` is "other"' })
  unionOther!: string | null;

  @ApiProperty({ type: 'integer', example: 2026 })
  affiliationYear!: number;

  @ApiProperty({ example: 'Up to 500 members' })
  bandLabel!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2500 })
  amountPence!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Paid against this invoice, less reversals' })
  paidDirectPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2500, description: 'Still to pay, after the branch’s credit' })
  outstandingPence!: number;

  @ApiProperty({ type: String, format: 'date' })
  issuedOn!: string;

  @ApiProperty({ type: String, format: 'date' })
  dueOn!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the overdue reminder went' })
  overdueAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the affiliation lapsed for it' })
  lapsedAt!: Date | null;
}

/** The treasurer's figures, from the ledger, integer pence. */
export class TreasurerDashboardDto {
  @ApiProperty({ type: 'integer', example: 2026 })
  year!: number;

  @ApiProperty({ type: 'integer', example: 125000, description: 'Net money received this calendar year (reversals dated when made)' })
  receivedThisYearPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 17500 })
  outstandingPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5000 })
  overduePence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2 })
  overdueCount!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 500, description: 'Overpayments carried to branches’ next invoices' })
  creditPence!: number;

  @ApiProperty({ type: [BandTotalsDto], description: 'This year’s invoices by fee band' })
  byBand!: BandTotalsDto[];

  @ApiProperty({ type: [OverdueInvoiceDto] })
  overdue!: OverdueInvoiceDto[];

  static from(d: TreasurerDashboard): TreasurerDashboardDto {
    return {
      year: d.year,
      receivedThisYearPence: d.receivedThisYearPence,
      outstandingPence: d.outstandingPence,
      overduePence: d.overduePence,
      overdueCount: d.overdueCount,
      creditPence: d.creditPence,
      byBand: d.byBand.map((b) => ({ ...b })),
      overdue: d.overdue.map((o) => ({
        id: o.id,
        reference: o.reference,
        branchId: o.branchId,
        publicName: o.publicName,
        union: o.union,
        unionOther: o.unionOther,
        affiliationYear: o.affiliationYear,
        bandLabel: o.bandLabel,
        amountPence: o.amountPence,
        paidDirectPence: o.paidDirectPence,
        outstandingPence: o.outstandingPence,
        issuedOn: o.issuedOn,
        dueOn: o.dueOn,
        paidAt: o.paidAt,
        overdueAt: o.overdueAt,
        lapsedAt: o.lapsedAt,
      })),
    };
  }
}
