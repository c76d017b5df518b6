/**
 * Balances, derived from the payments ledger and nothing else, in whole pence.
 *
 * Each payment is made against one invoice. What is paid beyond an invoice's
 * amount is the branch's credit; credit settles the branch's other unpaid
 * invoices, oldest first, and what is left is carried to the next invoice.
 * A reversal is a negative entry against the same invoice as the payment it
 * reverses, so it simply takes that payment out of the sums.
 */
export interface LedgerInvoice {
  id: string;
  amountPence: number;
  /** Sum of the ledger entries against this invoice (payments minus reversals). */
  paidDirectPence: number;
}

export interface InvoiceBalance {
  id: string;
  amountPence: number;
  paidDirectPence: number;
  /** Credit from overpayments of other invoices used to settle this one. */
  creditAppliedPence: number;
  /** Still to pay: 0 when settled. */
  outstandingPence: number;
}

export interface BranchBalance {
  invoices: InvoiceBalance[];
  invoicedPence: number;
  paidPence: number;
  /** Total still to pay. */
  outstandingPence: number;
  /** Paid beyond every invoice: carried to the next one. */
  creditPence: number;
}

/**
 * `invoices` in the order credit should settle them (oldest first).
 * fees/arrears.repository.ts says the same in SQL, to sort and page the arrears
 * by what is owed; test/integration/arrears.spec.ts holds the two together.
 */
export function allocate(invoices: readonly LedgerInvoice[]): BranchBalance {
  for (const i of invoices) {
    if (!Number.isSafeInteger(i.amountPence) || !Number.isSafeInteger(i.paidDirectPence)) throw new Error('Money must be whole pence');
  }
  let pool = invoices.reduce((sum, i) => sum + Math.max(0, i.paidDirectPence - i.amountPence), 0);
  const out: InvoiceBalance[] = invoices.map((i) => {
    const shortfall = Math.max(0, i.amountPence - Math.max(0, i.paidDirectPence));
    const credit = Math.min(pool, shortfall);
    pool -= credit;
    return { id: i.id, amountPence: i.amountPence, paidDirectPence: i.paidDirectPence, creditAppliedPence: credit, outstandingPence: shortfall - credit };
  });
  const invoicedPence = invoices.reduce((s, i) => s + i.amountPence, 0);
  const paidPence = invoices.reduce((s, i) => s + i.paidDirectPence, 0);
  // A direct total below zero cannot happen (a reversal never exceeds its payment); counted as owed if it did.
  const negative = invoices.reduce((s, i) => s + Math.max(0, -i.paidDirectPence), 0);
  return {
    invoices: out,
    invoicedPence,
    paidPence,
    outstandingPence: out.reduce((s, i) => s + i.outstandingPence, 0) + negative,
    creditPence: pool,
  };
}
