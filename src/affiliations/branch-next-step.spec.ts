import type { AffiliationInvoice } from './affiliation-hooks';
import { AFFILIATION_STATUSES } from './affiliation-status';
import { nextAction, type NextStepFacts } from './branch-next-step';

const BRANCH = '6f1c2a8e-0000-4000-8000-000000000001';

function invoice(overrides: Partial<AffiliationInvoice> = {}): AffiliationInvoice {
  return {
    id: 'inv-1',
    affiliationId: 'aff-1',
    reference: 'PSOOL-2026-0001-9',
    amountPence: 2500,
    outstandingPence: 2500,
    dueOn: '2026-04-14',
    overdue: false,
    paidAt: null,
    ...overrides,
  };
}

function facts(overrides: Partial<NextStepFacts> = {}): NextStepFacts {
  return {
    branchId: BRANCH,
    year: 2026,
    earlierYear: false,
    invoice: null,
    renewalInvoice: null,
    amountPending: false,
    contactHref: 'mailto:affiliations@example.org',
    ...overrides,
  };
}

describe('the branch page’s next action', () => {
  it('gives every status, and a branch with none, a button to press', () => {
    for (const status of [...AFFILIATION_STATUSES, 'none' as const]) {
      const next = nextAction(status, facts({ invoice: status === 'none' ? null : invoice() }));
      expect({ status, label: next?.label, href: next?.href }).toEqual({ status, label: expect.any(String), href: expect.stringMatching(/^(\/|mailto:)/) });
    }
  });

  it('asks an approved branch that owes its fee to pay it, naming the amount, and leads to the invoice', () => {
    expect(nextAction('approved', facts({ invoice: invoice() }))).toEqual({
      label: 'Pay £25 by bank transfer — see the invoice',
      href: `/branch/${BRANCH}/invoices`,
    });
    expect(nextAction('approved', facts({ invoice: invoice({ amountPence: 5050, outstandingPence: 1050 }) }))?.label).toBe(
      'Pay £10.50 by bank transfer — see the invoice',
    );
  });

  it('asks a renewal, a lapsed and a suspended affiliation to pay what is owed', () => {
    for (const status of ['renewal_due', 'lapsed', 'suspended'] as const) {
      expect(nextAction(status, facts({ invoice: invoice() }))?.label).toBe('Pay £25 by bank transfer — see the invoice');
    }
  });

  it('offers the receipt once the fee is paid, and next year’s renewal before that when it is owed', () => {
    const paid = invoice({ outstandingPence: 0, paidAt: new Date() });
    expect(nextAction('approved', facts({ invoice: paid }))).toEqual({
      label: 'Download the receipt (Word)',
      href: `/api/branches/${BRANCH}/invoices/inv-1/receipt.docx`,
      download: true,
    });
    const renewal = invoice({ id: 'inv-2', affiliationId: 'aff-2', amountPence: 5000, outstandingPence: 5000 });
    expect(nextAction('approved', facts({ invoice: paid, renewalInvoice: renewal }))?.label).toBe('Pay £50 by bank transfer — see the invoice');
  });

  it('does not ask for an amount still to be agreed with a branch that pays what it can', () => {
    expect(nextAction('approved', facts({ invoice: invoice(), amountPending: true }))).toEqual({ label: 'See the invoice', href: `/branch/${BRANCH}/invoices` });
  });

  it('sends the secretary to the form to submit, finish, resend or affiliate again', () => {
    const form = `/branch/${BRANCH}/affiliate`;
    expect(nextAction('none', facts())).toEqual({ label: 'Submit the affiliation', href: form });
    expect(nextAction('draft', facts())).toEqual({ label: 'Finish and submit the affiliation', href: form });
    expect(nextAction('changes_requested', facts())).toEqual({ label: 'Submit the affiliation again', href: form });
    expect(nextAction('withdrawn', facts({ invoice: invoice() }))).toEqual({ label: 'Affiliate the branch again', href: form });
  });

  it('offers this year’s affiliation when the one on show is an earlier year’s and nothing is owed', () => {
    const paid = invoice({ outstandingPence: 0 });
    for (const status of ['approved', 'rejected', 'withdrawn', 'lapsed'] as const) {
      expect(nextAction(status, facts({ earlierYear: true, invoice: paid }))).toEqual({ label: 'Submit the affiliation for 2026', href: `/branch/${BRANCH}/affiliate` });
    }
  });

  it('while waiting for review, offers the letter to sign; after a refusal, a way to write to the campaign', () => {
    expect(nextAction('submitted', facts())).toMatchObject({ href: `/api/branches/${BRANCH}/documents/affiliation-letter.docx`, download: true });
    expect(nextAction('rejected', facts())).toEqual({ label: 'Write to the campaign', href: 'mailto:affiliations@example.org' });
    expect(nextAction('suspended', facts({ invoice: invoice({ outstandingPence: 0 }) }))?.href).toBe('mailto:affiliations@example.org');
  });
});
