import type { AffiliationStatus } from './affiliation-status';

export type TransitionActor = 'secretary' | 'admin' | 'system';
export type AffiliationAction =
  | 'submit'
  | 'approve'
  | 'reject'
  | 'request_changes'
  | 'resubmit'
  | 'edit_facts'
  | 'lapse'
  | 'suspend'
  | 'reinstate'
  | 'mark_paid'
  | 'withdraw';

export interface Transition {
  readonly from: AffiliationStatus;
  readonly action: AffiliationAction;
  readonly to: AffiliationStatus;
  /** Who may take it. A secretary only ever acts on their own branch (checked by the caller). */
  readonly by: readonly TransitionActor[];
  /** A reason or message the actor must give (sent to the secretary). */
  readonly needsMessage?: boolean;
}

/**
 * The affiliation lifecycle, in one place. Anything not listed is refused.
 * `edit_facts`: the secretary changed the membership, union or name the
 * decision was based on, so it goes back for review.
 */
export const AFFILIATION_TRANSITIONS: readonly Transition[] = [
  { from: 'draft', action: 'submit', to: 'submitted', by: ['secretary'] },
  { from: 'submitted', action: 'approve', to: 'approved', by: ['admin'] },
  { from: 'submitted', action: 'reject', to: 'rejected', by: ['admin'], needsMessage: true },
  { from: 'submitted', action: 'request_changes', to: 'changes_requested', by: ['admin'], needsMessage: true },
  { from: 'changes_requested', action: 'resubmit', to: 'submitted', by: ['secretary'] },
  { from: 'submitted', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'changes_requested', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'approved', action: 'edit_facts', to: 'submitted', by: ['secretary'] },
  { from: 'approved', action: 'lapse', to: 'lapsed', by: ['system'] },
  { from: 'approved', action: 'suspend', to: 'suspended', by: ['admin'], needsMessage: true },
  { from: 'approved', action: 'withdraw', to: 'withdrawn', by: ['secretary'] },
  { from: 'lapsed', action: 'mark_paid', to: 'approved', by: ['admin', 'system'] },
  { from: 'suspended', action: 'reinstate', to: 'approved', by: ['admin'] },
];

/** The transition `action` takes from `from` for `by`, or undefined when the table has none. */
export function findTransition(from: AffiliationStatus, action: AffiliationAction, by: TransitionActor): Transition | undefined {
  return AFFILIATION_TRANSITIONS.find((t) => t.from === from && t.action === action && t.by.includes(by));
}

/** The actions `by` can take from `status` (to offer buttons). */
export function actionsFrom(status: AffiliationStatus, by: TransitionActor): AffiliationAction[] {
  return AFFILIATION_TRANSITIONS.filter((t) => t.from === status && t.by.includes(by)).map((t) => t.action);
}

/** Statuses in which an action's name reads as a past event, for conflict messages. */
export const STATUS_PAST: Record<AffiliationStatus, string> = {
  draft: 'saved as a draft',
  submitted: 'submitted',
  approved: 'approved',
  rejected: 'rejected',
  changes_requested: 'sent back for changes',
  lapsed: 'marked as lapsed',
  suspended: 'suspended',
  withdrawn: 'withdrawn',
};
