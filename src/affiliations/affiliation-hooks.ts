import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { Transition } from './affiliation-transitions';
import type { Affiliation } from './affiliation.entity';

/**
 * Lets another feature act inside a transition's transaction (the fees
 * feature raises the invoice when an affiliation is approved or renewed).
 * Optional: the workflow runs without one.
 */
export const AFFILIATION_TRANSITION_LISTENER = Symbol('AFFILIATION_TRANSITION_LISTENER');

export interface AffiliationTransitionListener {
  /** Called after the status has changed, before the transaction commits; throwing rolls the transition back. */
  afterTransition(manager: EntityManager, affiliation: Affiliation, transition: Transition, actor: Actor): Promise<void>;
}

/** The fee an affiliation is agreed at: a band's label and amount as they are today. */
export interface FeeQuote {
  feeBandId: number | null;
  feeBandLabel: string;
  feePence: number;
}

/** A fee band as a secretary sees it in the fee table. */
export interface FeeBandSummary {
  label: string;
  minMembers: number;
  maxMembers: number | null;
  amountPence: number;
  forRegionalBodies: boolean;
}

/**
 * An affiliation's invoice as its secretary's branch page tells it: what is
 * still to pay and by when (the fees feature's ledger decides).
 */
export interface AffiliationInvoice {
  id: string;
  affiliationId: string;
  reference: string;
  amountPence: number;
  /** Still to pay, after payments and credit: 0 once paid. */
  outstandingPence: number;
  /** "YYYY-MM-DD". */
  dueOn: string;
  /** Unpaid and past its due date. */
  overdue: boolean;
  paidAt: Date | null;
}

/**
 * What the affiliation feature needs from the fees feature, which depends on
 * it and so provides this (FeesCoreModule) rather than being imported.
 */
export const AFFILIATION_FEES = Symbol('AFFILIATION_FEES');

export interface AffiliationFees {
  /** The fee a branch would be agreed at today. */
  quote(branch: { membershipSize: number; regionalBody: boolean }, manager?: EntityManager): Promise<FeeQuote>;
  /** Every band, lowest first. */
  bands(): Promise<FeeBandSummary[]>;
  /** The invoices raised for a branch's affiliations (at most one each), oldest first. */
  invoicesOf(branchId: string): Promise<AffiliationInvoice[]>;
  /**
   * Takes the branch's money lock for the rest of the transaction. Every change
   * to a branch's money takes it before touching an affiliation's row, so a
   * change of fee takes it first too.
   */
  lockBranchMoney(manager: EntityManager, branchId: string): Promise<void>;
  /** The affiliation's fee was agreed anew: its invoice, if raised, follows. */
  feeAgreed(manager: EntityManager, actor: Actor, affiliation: Affiliation): Promise<void>;
}
