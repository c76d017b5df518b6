export const AFFILIATION_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'changes_requested',
  'lapsed',
  'suspended',
  'withdrawn',
] as const;
export type AffiliationStatus = (typeof AFFILIATION_STATUSES)[number];

/** How each status reads to a person. */
export const STATUS_LABELS: Record<AffiliationStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for review',
  approved: 'Approved',
  rejected: 'Not accepted',
  changes_requested: 'Changes requested',
  lapsed: 'Lapsed',
  suspended: 'Suspended',
  withdrawn: 'Withdrawn',
};
