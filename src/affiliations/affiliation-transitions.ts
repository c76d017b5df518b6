import type { AffiliationStatus } from './affiliation-status';

export type TransitionActor = 'secretary' | 'admin' | 'system';
export const AFFILIATION_ACTIONS = [
  'create',
  'renew',
  'submit',
  'approve',
  'reject',
  'request_changes',
  'resubmit',
  'edit_facts',
  'lapse',
  'suspend',
  'reinstate',
  'mark_paid',
  'withdraw',
] as const;
export type AffiliationAction = (typeof AFFILIATION_ACTIONS)[number];

/** The words a decision that needs a message asks for, on its form and in its API body. */
export interface DecisionMessage {
  /** The body field that carries it, as the API has always named it. */
  readonly field: 'reason' | 'message';
  readonly title: string;
  readonly label: string;
  readonly button: string;
}

export interface Transition {
  /** null: the action brings a new affiliation into being. */
  readonly from: AffiliationStatus | null;
  readonly action: AffiliationAction;
  readonly to: AffiliationStatus;
  /** Who may take it. A secretary only ever acts on their own branch (checked by the caller). */
  readonly by: readonly TransitionActor[];
  /** A reason or message the actor must give (sent to the secretary). */
  readonly needsMessage?: boolean;
  /**
   * Set on the moves an admin takes as a decision on one affiliation, each reached at
   * `/admin/affiliations/:id/<action in kebab-case>` (and under /api); with the message it
   * asks for when it needsMessage. Not on mark_paid: an admin takes that by recording a payment.
   */
  readonly decision?: { readonly message?: DecisionMessage };
}

/** What the decisions that need a message ask for. */
const REASON = 'Reason (sent to the branch secretary)';
const REJECTION: DecisionMessage = { field: 'reason', title: 'Reject the affiliation', label: REASON, button: 'Reject' };
const CHANGES: DecisionMessage = { field: 'message', title: 'Ask for changes', label: 'What needs changing (sent to the branch secretary)', button: 'Send request' };
const SUSPENSION: DecisionMessage = { field: 'reason', title: 'Suspend the affiliation', label: REASON, button: 'Suspend' };

/**
 * The affiliation lifecycle, in one place. Anything not listed is refused.
 * `create`: a secretary starts this year's affiliation (then submits it).
 * `renew`: ahead of a new year, the fee rules raise the next year's
 * affiliation from an approved one; it is affiliated once paid (`mark_paid`).
 * `edit_facts`: the secretary changed the membership, union or name the
 * decision was based on, so it goes back for review.
 * `resubmit` from `withdrawn`: a branch that withdrew affiliates again, with
 * new answers, and an admin looks at it afresh; the invoice already raised
 * stays the one it owes (an affiliation has at most one).
 */
export const AFFILIATION_TRANSITIONS: readonly Transition[] = [
  { from: null, action: 'create', to: 'draft', by: ['secretary'] },
  { from: null, action: 'renew', to: 'renewal_due', by: ['system'] },
  { from: 'draft', action: 'submit', to: 'submitted', by: ['secretary'] },
  { from: 'submitted', action: 'approve', to: 'approved', by: ['admin'], decision: {} },
  { from: 'submitted', action: 'reject', to: 'rejected', by: ['admin'], needsMessage: true, decision: { message: REJECTION } },
  { from: 'submitted', action: 'request_changes', to: 'changes_requested', by: ['admin'], needsMessage: true, decision: { message: CHANGES } },
  { from: 'changes_requested', action: 'resubmit', to: 'submitted', by: ['secretary'] },
  { from: 'submitted', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'changes_requested', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'approved', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'approved', action: 'lapse', to: 'lapsed', by: ['system'] },
  { from: 'approved', action: 'suspend', to: 'suspended', by: ['admin'], needsMessage: true, decision: { message: SUSPENSION } },
  { from: 'approved', action: 'withdraw', to: 'withdrawn', by: ['secretary'] },
  { from: 'lapsed', action: 'mark_paid', to: 'approved', by: ['admin', 'system'] },
  { from: 'suspended', action: 'reinstate', to: 'approved', by: ['admin'], decision: {} },
  { from: 'renewal_due', action: 'mark_paid', to: 'approved', by: ['admin', 'system'] },
  { from: 'renewal_due', action: 'lapse', to: 'lapsed', by: ['system'] },
  { from: 'renewal_due', action: 'withdraw', to: 'withdrawn', by: ['secretary'] },
  { from: 'withdrawn', action: 'resubmit', to: 'submitted', by: ['secretary'] },
];

/** The transition `action` takes from `from` (null: a new affiliation) for `by`, or undefined when the table has none. */
export function findTransition(from: AffiliationStatus | null, action: AffiliationAction, by: TransitionActor): Transition | undefined {
  return AFFILIATION_TRANSITIONS.find((t) => t.from === from && t.action === action && t.by.includes(by));
}

/** The actions `by` can take from `status` (to offer buttons). */
export function actionsFrom(status: AffiliationStatus, by: TransitionActor): AffiliationAction[] {
  return AFFILIATION_TRANSITIONS.filter((t) => t.from === status && t.by.includes(by)).map((t) => t.action);
}

/** The statuses from which `action` can be taken by `by`, e.g. where a fact change sends an affiliation back for review. */
export function statusesAllowing(action: AffiliationAction, by: TransitionActor): AffiliationStatus[] {
  return AFFILIATION_TRANSITIONS.filter((t) => t.action === action && t.by.includes(by) && t.from !== null).map((t) => t.from as AffiliationStatus);
}

/** Sending a year's affiliation: the first time, or again after changes were asked for or after a withdrawal. */
export const SUBMIT_ACTIONS = ['submit', 'resubmit'] as const satisfies readonly AffiliationAction[];

/** The secretary's way of sending an affiliation in `status`, or undefined when it cannot be sent. */
export function submitActionFrom(status: AffiliationStatus): (typeof SUBMIT_ACTIONS)[number] | undefined {
  return SUBMIT_ACTIONS.find((a) => findTransition(status, a, 'secretary'));
}
