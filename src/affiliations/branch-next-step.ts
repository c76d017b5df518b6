import { formatMoney } from '../common/money';
import type { AffiliationInvoice } from './affiliation-hooks';
import type { AffiliationStatus } from './affiliation-status';

/** The one thing a secretary should do next, shown as the branch page's main button. */
export interface NextAction {
  label: string;
  href: string;
  /** A Word document rather than a page. */
  download?: boolean;
}

/** What the branch page knows when it chooses the next action. */
export interface NextStepFacts {
  branchId: string;
  /** This year, as the affiliation form would submit it. */
  year: number;
  /** The shown affiliation belongs to an earlier year (this year's can be submitted). */
  earlierYear: boolean;
  /** The shown affiliation's invoice, if raised. */
  invoice: AffiliationInvoice | null;
  /** Next year's, raised ahead of the new year and waiting for payment. */
  renewalInvoice: AffiliationInvoice | null;
  /** The branch asked to pay what it can and no amount is agreed yet: the invoice's amount may change. */
  amountPending: boolean;
  /** Where to write to the campaign (a mailto: link). */
  contactHref: string;
}

type Step = (f: NextStepFacts) => NextAction | null;

const owed = (i: AffiliationInvoice | null): i is AffiliationInvoice => !!i && i.outstandingPence > 0;

/** "Pay £25 by bank transfer — see the invoice": the invoices page has the bank details and reference. */
function pay(f: NextStepFacts, invoice: AffiliationInvoice): NextAction {
  const href = `/branch/${f.branchId}/invoices`;
  if (f.amountPending && invoice === f.invoice) return { label: 'See the invoice', href };
  return { label: `Pay ${formatMoney(invoice.outstandingPence)} by bank transfer — see the invoice`, href };
}

const submit = (f: NextStepFacts, label: string): NextAction => ({ label, href: `/branch/${f.branchId}/affiliate` });
const letter = (f: NextStepFacts): NextAction => ({
  label: 'Download the affiliation letter (Word)',
  href: `/api/branches/${f.branchId}/documents/affiliation-letter.docx`,
  download: true,
});
const writeToCampaign = (f: NextStepFacts): NextAction => ({ label: 'Write to the campaign', href: f.contactHref });

/** Money owed on the shown year, then on next year's renewal. */
function payWhatIsOwed(f: NextStepFacts): NextAction | null {
  if (owed(f.invoice)) return pay(f, f.invoice);
  if (owed(f.renewalInvoice)) return pay(f, f.renewalInvoice);
  return null;
}

/** An earlier year's affiliation on show: this year's is the thing to do, once nothing is owed. */
function thisYearOr(f: NextStepFacts, otherwise: NextAction | null): NextAction | null {
  return payWhatIsOwed(f) ?? (f.earlierYear ? submit(f, `Submit the affiliation for ${f.year}`) : otherwise);
}

/**
 * The branch page's main button for each status. A `Record` so that a new
 * status does not compile until it says what its secretary does next.
 */
export const NEXT_ACTION: Record<AffiliationStatus | 'none', Step> = {
  none: (f) => submit(f, 'Submit the affiliation'),
  draft: (f) => submit(f, 'Finish and submit the affiliation'),
  // Nothing to do but wait; the letter can be signed meanwhile.
  submitted: (f) => letter(f),
  changes_requested: (f) => submit(f, 'Submit the affiliation again'),
  approved: (f) => {
    const paid = f.invoice && f.invoice.outstandingPence === 0 ? f.invoice : null;
    const receipt: NextAction | null = paid && {
      label: 'Download the receipt (Word)',
      href: `/api/branches/${f.branchId}/invoices/${paid.id}/receipt.docx`,
      download: true,
    };
    return thisYearOr(f, receipt ?? letter(f));
  },
  renewal_due: (f) => payWhatIsOwed(f) ?? letter(f),
  lapsed: (f) => thisYearOr(f, writeToCampaign(f)),
  suspended: (f) => thisYearOr(f, writeToCampaign(f)),
  rejected: (f) => (f.earlierYear ? submit(f, `Submit the affiliation for ${f.year}`) : writeToCampaign(f)),
  // What is owed stays owed, and the invoices page says so; affiliating again is what a withdrawn branch can do.
  withdrawn: (f) => submit(f, f.earlierYear ? `Submit the affiliation for ${f.year}` : 'Affiliate the branch again'),
};

export function nextAction(status: AffiliationStatus | 'none', facts: NextStepFacts): NextAction | null {
  return NEXT_ACTION[status](facts);
}
