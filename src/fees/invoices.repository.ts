import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AffiliationStatus } from '../affiliations/affiliation-status';
import { Invoice } from './invoice.entity';
import type { PaymentMethod, PaymentSource } from './payment.entity';

/** An invoice with what its documents and emails need about the branch. */
export interface InvoiceContext {
  invoiceId: string;
  branchId: string;
  affiliationId: string;
  affiliationStatus: AffiliationStatus;
  reference: string;
  affiliationYear: number;
  amountPence: number;
  bandLabel: string;
  issuedOn: string;
  dueOn: string;
  paidAt: Date | null;
  branchName: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  address: string | null;
  secretaryEmail: string | null;
  secretaryName: string | null;
}

/** One row of the admin's invoice list and the invoices export. */
export interface InvoiceListRow {
  id: string;
  reference: string;
  branchId: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  affiliationYear: number;
  bandLabel: string;
  amountPence: number;
  paidDirectPence: number;
  issuedOn: string;
  dueOn: string;
  paidAt: Date | null;
  overdueAt: Date | null;
  lapsedAt: Date | null;
}

/** One row of the payments list and export. */
export interface PaymentListRow {
  id: string;
  reference: string;
  invoiceId: string;
  branchId: string;
  publicName: string;
  amountPence: number;
  receivedOn: string;
  method: PaymentMethod;
  bankReference: string;
  note: string | null;
  reversesPaymentId: string | null;
  reversedById: string | null;
  source: PaymentSource;
  createdAt: Date;
}

const CONTEXT_SELECT = `
  SELECT i.id AS "invoiceId", i.branch_id AS "branchId", i.affiliation_id AS "affiliationId", a.status AS "affiliationStatus",
         i.reference, i.affiliation_year AS "affiliationYear", i.amount_pence AS "amountPence", i.band_label AS "bandLabel",
         to_char(i.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn", i.paid_at AS "paidAt",
         b.name AS "branchName", b.public_name AS "publicName", b.union, b.union_other AS "unionOther", b.address,
         u.email AS "secretaryEmail", u.name AS "secretaryName"
    FROM invoices i
    JOIN affiliations a ON a.id = i.affiliation_id
    JOIN branches b ON b.id = i.branch_id
    LEFT JOIN users u ON u.id = b.secretary_id`;

const LIST_SELECT = `
  SELECT i.id, i.reference, i.branch_id AS "branchId", b.public_name AS "publicName", b.union, b.union_other AS "unionOther",
         i.affiliation_year AS "affiliationYear", i.band_label AS "bandLabel", i.amount_pence AS "amountPence",
         COALESCE((SELECT sum(p.amount_pence) FROM payments p WHERE p.invoice_id = i.id), 0)::int AS "paidDirectPence",
         to_char(i.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
         i.paid_at AS "paidAt", i.overdue_at AS "overdueAt", i.lapsed_at AS "lapsedAt"
    FROM invoices i
    JOIN branches b ON b.id = i.branch_id`;

const PAYMENT_SELECT = `
  SELECT p.id, i.reference, p.invoice_id AS "invoiceId", p.branch_id AS "branchId", b.public_name AS "publicName",
         p.amount_pence AS "amountPence", to_char(p.received_on, 'YYYY-MM-DD') AS "receivedOn", p.method,
         p.bank_reference AS "bankReference", p.note, p.reverses_payment_id AS "reversesPaymentId",
         r.id AS "reversedById", p.source, p.created_at AS "createdAt"
    FROM payments p
    JOIN invoices i ON i.id = p.invoice_id
    JOIN branches b ON b.id = p.branch_id
    LEFT JOIN payments r ON r.reverses_payment_id = p.id`;

/** Named queries on invoices and the ledger. Dates come back as "YYYY-MM-DD" strings, never shifted by a time zone. */
@Injectable()
export class InvoicesRepository {
  constructor(@InjectRepository(Invoice) private readonly invoices: Repository<Invoice>) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.invoices.manager;
  }

  findByReference(reference: string, manager?: EntityManager): Promise<Invoice | null> {
    return this.m(manager).getRepository(Invoice).findOneBy({ reference });
  }

  /** The invoice raised for an affiliation (there is at most one). */
  findForAffiliation(affiliationId: string, manager?: EntityManager): Promise<Invoice | null> {
    return (manager ? manager.getRepository(Invoice) : this.invoices).findOneBy({ affiliationId });
  }

  findById(id: string, manager?: EntityManager): Promise<Invoice | null> {
    return this.m(manager).getRepository(Invoice).findOneBy({ id });
  }

  /** The invoice, its row locked until `manager`'s transaction ends: one change to it at a time (a reminder, a payment settling it). */
  lock(id: string, manager: EntityManager): Promise<Invoice | null> {
    return manager.getRepository(Invoice).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findForBranch(branchId: string): Promise<Invoice[]> {
    return this.invoices.find({ where: { branchId }, order: { issuedOn: 'ASC', reference: 'ASC' } });
  }

  async context(invoiceId: string, manager?: EntityManager): Promise<InvoiceContext | undefined> {
    const rows: InvoiceContext[] = await this.m(manager).query(`${CONTEXT_SELECT} WHERE i.id = $1`, [invoiceId]);
    return rows[0];
  }

  /** Unpaid, past due, not yet marked overdue: what the overdue rule acts on. */
  async findDueForReminder(today: string): Promise<string[]> {
    const rows: { id: string }[] = await this.invoices.query(
      'SELECT id FROM invoices WHERE paid_at IS NULL AND overdue_at IS NULL AND due_on < $1 ORDER BY due_on, id',
      [today],
    );
    return rows.map((r) => r.id);
  }

  /** Unpaid on or before `lastDueOn` (today minus the lapse period), not yet lapsed. */
  async findDueForLapse(lastDueOn: string): Promise<string[]> {
    const rows: { id: string }[] = await this.invoices.query(
      'SELECT id FROM invoices WHERE paid_at IS NULL AND lapsed_at IS NULL AND due_on <= $1 ORDER BY due_on, id',
      [lastDueOn],
    );
    return rows.map((r) => r.id);
  }

  listAll(filter: { branchId?: string; year?: number } = {}): Promise<InvoiceListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.branchId) where.push(`i.branch_id = $${params.push(filter.branchId)}`);
    if (filter.year) where.push(`i.affiliation_year = $${params.push(filter.year)}`);
    return this.invoices.query(`${LIST_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.issued_on, i.reference`, params);
  }

  listPayments(filter: { branchId?: string; limit?: number } = {}): Promise<PaymentListRow[]> {
    const params: unknown[] = [];
    const where = filter.branchId ? `WHERE p.branch_id = $${params.push(filter.branchId)}` : '';
    const limit = filter.limit ? `LIMIT ${Math.floor(filter.limit)}` : '';
    return this.invoices.query(`${PAYMENT_SELECT} ${where} ORDER BY p.received_on DESC, p.created_at DESC ${limit}`, params);
  }

  /** One page of the whole ledger, latest first, and how many entries it has. */
  async pagePayments(page: number, pageSize: number): Promise<{ items: PaymentListRow[]; total: number }> {
    const [items, [{ total }]]: [PaymentListRow[], { total: number }[]] = await Promise.all([
      this.invoices.query(`${PAYMENT_SELECT} ORDER BY p.received_on DESC, p.created_at DESC, p.id LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]),
      this.invoices.query('SELECT count(*)::int AS total FROM payments'),
    ]);
    return { items, total };
  }

  async findPayment(id: string, manager?: EntityManager): Promise<PaymentListRow | undefined> {
    const rows: PaymentListRow[] = await this.m(manager).query(`${PAYMENT_SELECT} WHERE p.id = $1`, [id]);
    return rows[0];
  }
}
