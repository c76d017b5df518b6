export const INVOICE_STATUSES = ['open', 'overdue', 'paid', 'lapsed'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  paid: 'Paid',
  lapsed: 'Unpaid — affiliation lapsed',
  overdue: 'Overdue',
  open: 'To pay',
};

/**
 * Where an invoice stands: paid once nothing is outstanding (the ledger
 * decides), otherwise as far as the time rules have moved it.
 */
export function invoiceStatus(invoice: { lapsedAt: Date | string | null; overdueAt: Date | string | null }, outstandingPence: number): InvoiceStatus {
  if (outstandingPence === 0) return 'paid';
  if (invoice.lapsedAt) return 'lapsed';
  return invoice.overdueAt ? 'overdue' : 'open';
}
