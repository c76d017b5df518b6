import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { findReference } from './payment-reference';
import { PaymentsService } from './payments.service';
import { parseStatement, type StatementLine } from './statement-csv';

export const STATEMENT_ROW_STATUSES = ['matched', 'unmatched', 'already_recorded', 'not_a_payment'] as const;
export type StatementRowStatus = (typeof STATEMENT_ROW_STATUSES)[number];

export const STATEMENT_STATUS_LABELS: Record<StatementRowStatus, string> = {
  matched: 'Matched',
  unmatched: 'No matching invoice',
  already_recorded: 'Already recorded',
  not_a_payment: 'Money out (ignored)',
};

export interface StatementRow extends StatementLine {
  reference: string | null;
  invoiceId: string | null;
  branchId: string | null;
  publicName: string | null;
  /** The bank reference the payment would be stored with: the transaction id, else the description. */
  bankReference: string;
  status: StatementRowStatus;
  statusLabel: string;
}

export interface StatementPreview {
  rows: StatementRow[];
  counts: Record<StatementRowStatus, number>;
}

export interface StatementImportResult {
  /** Lines that became payments. */
  recorded: number;
  /** Lines chosen but not recorded: already in the ledger, unmatched, or dated in the future. */
  skipped: number;
}

/**
 * Bank statement import in two steps, both from the same file: a preview
 * (each line matched to an invoice by its reference, check character
 * included, or not) and a confirmation naming the lines to record. Nothing is
 * stored by the preview; a malformed file is refused whole. Confirmed lines
 * become payments through PaymentsService, so importing a file twice, or a
 * line an admin already typed in with the same bank reference, records nothing new.
 */
@Injectable()
export class StatementImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async preview(csv: string): Promise<StatementPreview> {
    const rows = await this.match(parseStatement(csv));
    const counts = { matched: 0, unmatched: 0, already_recorded: 0, not_a_payment: 0 };
    for (const r of rows) counts[r.status]++;
    return { rows, counts };
  }

  async confirm(actor: Actor, csv: string, lines: number[]): Promise<StatementImportResult> {
    const wanted = new Set(lines);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.match(parseStatement(csv));
      let recorded = 0;
      let skipped = 0;
      for (const row of rows) {
        if (!wanted.has(row.line)) continue;
        if (row.status !== 'matched' || !row.reference || row.date > this.clock.today()) {
          skipped++;
          continue;
        }
        const { created } = await this.payments.record(
          actor,
          { reference: row.reference, amountPence: row.amountPence, receivedOn: row.date, method: 'bank_transfer', bankReference: row.bankReference, source: 'statement' },
          manager,
        );
        if (created) recorded++;
        else skipped++;
      }
      await this.audit.record(manager, actor, {
        action: 'statement.imported',
        subjectType: 'statement',
        summary: { lines: rows.length, selected: wanted.size, recorded, skipped },
      });
      return { recorded, skipped };
    });
  }

  private async match(lines: StatementLine[]): Promise<StatementRow[]> {
    const withRefs = lines.map((l) => ({ ...l, reference: l.amountPence > 0 ? findReference(l.description) : null, bankReference: bankReferenceOf(l) }));
    const refs = [...new Set(withRefs.map((l) => l.reference).filter((r): r is string => !!r))];
    const invoices: { id: string; reference: string; branchId: string; publicName: string }[] = refs.length
      ? await this.dataSource.query(
          `SELECT i.id, i.reference, i.branch_id AS "branchId", b.public_name AS "publicName"
             FROM invoices i JOIN branches b ON b.id = i.branch_id WHERE i.reference = ANY($1)`,
          [refs],
        )
      : [];
    const byRef = new Map(invoices.map((i) => [i.reference, i]));
    const existing: { invoiceId: string; amountPence: number; receivedOn: string; bankReference: string }[] = invoices.length
      ? await this.dataSource.query(
          `SELECT invoice_id AS "invoiceId", amount_pence AS "amountPence", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", bank_reference AS "bankReference"
             FROM payments WHERE invoice_id = ANY($1) AND method = 'bank_transfer'`,
          [invoices.map((i) => i.id)],
        )
      : [];
    const recorded = new Set(existing.map((p) => `${p.invoiceId}|${p.amountPence}|${p.receivedOn}|${p.bankReference}`));
    return withRefs.map((l) => {
      const invoice = l.reference ? byRef.get(l.reference) : undefined;
      let status: StatementRowStatus;
      if (l.amountPence <= 0) status = 'not_a_payment';
      else if (!invoice) status = 'unmatched';
      else if (recorded.has(`${invoice.id}|${l.amountPence}|${l.date}|${l.bankReference}`)) status = 'already_recorded';
      else status = 'matched';
      return {
        line: l.line,
        date: l.date,
        description: l.description,
        amountPence: l.amountPence,
        transactionId: l.transactionId,
        reference: invoice ? l.reference : null,
        invoiceId: invoice?.id ?? null,
        branchId: invoice?.branchId ?? null,
        publicName: invoice?.publicName ?? null,
        bankReference: l.bankReference,
        status,
        statusLabel: STATEMENT_STATUS_LABELS[status],
      };
    });
  }
}

function bankReferenceOf(l: StatementLine): string {
  return (l.transactionId ?? l.description).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 140) || `Statement line ${l.line}`;
}
