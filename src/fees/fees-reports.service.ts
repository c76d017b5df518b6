import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unionName } from '../branches/unions';
import { Clock } from '../common/clock';
import { toCsv } from './csv-export';
import { invoiceStatus } from './invoice-status';
import { InvoicesRepository, type InvoiceListRow } from './invoices.repository';
import { allocate } from './ledger';
import { penceToDecimal } from '../common/money';
import { METHOD_LABELS, type PaymentMethod } from './payment.entity';

export interface TreasurerDashboard {
  year: number;
  receivedThisYearPence: number;
  outstandingPence: number;
  overduePence: number;
  overdueCount: number;
  creditPence: number;
  byBand: { bandLabel: string; invoices: number; invoicedPence: number; paidPence: number; outstandingPence: number }[];
  overdue: (InvoiceListRow & { outstandingPence: number })[];
}

interface Outstanding {
  row: InvoiceListRow;
  outstandingPence: number;
}

/** The treasurer's figures and the CSV exports, all from the ledger. */
@Injectable()
export class FeesReportsService {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async dashboard(): Promise<TreasurerDashboard> {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const [rows, received] = await Promise.all([this.invoices.listAll(), this.receivedBetween(`${year}-01-01`, `${year}-12-31`)]);
    const { items, creditPence } = this.outstanding(rows);
    const byBand = new Map<string, TreasurerDashboard['byBand'][number]>();
    for (const { row, outstandingPence } of items.filter((i) => i.row.affiliationYear === year)) {
      const b = byBand.get(row.bandLabel) ?? { bandLabel: row.bandLabel, invoices: 0, invoicedPence: 0, paidPence: 0, outstandingPence: 0 };
      b.invoices++;
      b.invoicedPence += row.amountPence;
      b.paidPence += row.amountPence - outstandingPence;
      b.outstandingPence += outstandingPence;
      byBand.set(row.bandLabel, b);
    }
    const overdue = items.filter((i) => i.outstandingPence > 0 && i.row.dueOn < today).map((i) => ({ ...i.row, outstandingPence: i.outstandingPence }));
    return {
      year,
      receivedThisYearPence: received,
      outstandingPence: items.reduce((s, i) => s + i.outstandingPence, 0),
      overduePence: overdue.reduce((s, i) => s + i.outstandingPence, 0),
      overdueCount: overdue.length,
      creditPence,
      byBand: [...byBand.values()].sort((a, b) => a.invoicedPence - b.invoicedPence),
      overdue,
    };
  }

  async invoicesCsv(): Promise<string> {
    const { items } = this.outstanding(await this.invoices.listAll());
    return toCsv(
      ['Reference', 'Branch', 'Union', 'Year', 'Band', 'Amount', 'Paid', 'Outstanding', 'Issued on', 'Due on', 'Status'],
      items.map(({ row, outstandingPence }) => [
        row.reference,
        row.publicName,
        unionName(row.union, row.unionOther),
        row.affiliationYear,
        row.bandLabel,
        penceToDecimal(row.amountPence),
        penceToDecimal(row.paidDirectPence),
        penceToDecimal(outstandingPence),
        row.issuedOn,
        row.dueOn,
        invoiceStatus(row, outstandingPence),
      ]),
    );
  }

  async paymentsCsv(): Promise<string> {
    const rows = await this.invoices.listPayments();
    return toCsv(
      ['Payment id', 'Reference', 'Branch', 'Amount', 'Received on', 'Method', 'Bank reference', 'Reverses', 'Source', 'Note', 'Recorded at'],
      rows.map((p) => [
        p.id,
        p.reference,
        p.publicName,
        penceToDecimal(p.amountPence),
        p.receivedOn,
        METHOD_LABELS[p.method as PaymentMethod] ?? p.method,
        p.bankReference,
        p.reversesPaymentId ?? '',
        p.source,
        p.note ?? '',
        p.createdAt,
      ]),
    );
  }

  /** Each invoice's outstanding amount, credit applied branch by branch. */
  private outstanding(rows: InvoiceListRow[]): { items: Outstanding[]; creditPence: number } {
    const byBranch = new Map<string, InvoiceListRow[]>();
    for (const r of rows) byBranch.set(r.branchId, [...(byBranch.get(r.branchId) ?? []), r]);
    const outstanding = new Map<string, number>();
    let creditPence = 0;
    for (const list of byBranch.values()) {
      const b = allocate(list.map((r) => ({ id: r.id, amountPence: r.amountPence, paidDirectPence: r.paidDirectPence })));
      for (const i of b.invoices) outstanding.set(i.id, i.outstandingPence);
      creditPence += b.creditPence;
    }
    return { items: rows.map((row) => ({ row, outstandingPence: outstanding.get(row.id) ?? 0 })), creditPence };
  }

  /** Net money received between two dates (reversals dated when they were made). */
  private async receivedBetween(from: string, to: string): Promise<number> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      'SELECT COALESCE(sum(amount_pence), 0)::int AS total FROM payments WHERE received_on BETWEEN $1 AND $2',
      [from, to],
    );
    return total;
  }
}
