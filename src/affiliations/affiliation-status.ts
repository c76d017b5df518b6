/** What the portal knows about one status of an affiliation. */
export interface StatusDescription {
  /** How the status reads to a person ("Waiting for review"). */
  readonly label: string;
  /** As a past event, after "was already …" ("sent back for changes"). */
  readonly past: string;
  /**
   * Whether this affiliation decides where its branch stands. A renewal raised
   * ahead of the new year does not: until it is paid, the year before (in good
   * standing, or lapsed) still decides whether the branch is affiliated.
   */
  readonly decidesStanding: boolean;
  /** The branch is affiliated (and, if it consented, listed publicly) while this status decides its standing. */
  readonly current: boolean;
  /** The campaign accepted the branch as affiliated at some point in this status's history ("affiliated since"). */
  readonly accepted: boolean;
  /** Waiting for an admin to decide. */
  readonly awaitingAdmin: boolean;
  /** Counted on the admin dashboard, in this table's order. */
  readonly onDashboard: boolean;
}

/**
 * Every status an affiliation can be in, described once. Every status set in
 * the code — SQL, the public list, dashboards, admin filters, the database's
 * CHECK constraint — is derived from this table, so a new status is one entry
 * here (the compiler then finds each `Record<AffiliationStatus, …>` to fill in)
 * plus a migration for the constraint.
 */
export const AFFILIATION_STATUS = {
  draft: {
    label: 'Draft',
    past: 'saved as a draft',
    decidesStanding: true,
    current: false,
    accepted: false,
    awaitingAdmin: false,
    onDashboard: false,
  },
  submitted: {
    label: 'Waiting for review',
    past: 'submitted',
    decidesStanding: true,
    current: false,
    accepted: false,
    awaitingAdmin: true,
    onDashboard: true,
  },
  changes_requested: {
    label: 'Changes requested',
    past: 'sent back for changes',
    decidesStanding: true,
    current: false,
    accepted: false,
    awaitingAdmin: false,
    onDashboard: true,
  },
  approved: {
    label: 'Approved',
    past: 'approved',
    decidesStanding: true,
    current: true,
    accepted: true,
    awaitingAdmin: false,
    onDashboard: true,
  },
  renewal_due: {
    label: 'Renewal due',
    past: 'renewed and is waiting for payment',
    decidesStanding: false,
    current: false,
    accepted: true,
    awaitingAdmin: false,
    onDashboard: true,
  },
  rejected: {
    label: 'Not accepted',
    past: 'rejected',
    decidesStanding: true,
    current: false,
    accepted: false,
    awaitingAdmin: false,
    onDashboard: false,
  },
  lapsed: {
    label: 'Lapsed',
    past: 'marked as lapsed',
    decidesStanding: true,
    current: false,
    accepted: true,
    awaitingAdmin: false,
    onDashboard: true,
  },
  suspended: {
    label: 'Suspended',
    past: 'suspended',
    decidesStanding: true,
    current: false,
    accepted: true,
    awaitingAdmin: false,
    onDashboard: false,
  },
  withdrawn: {
    label: 'Withdrawn',
    past: 'withdrawn',
    decidesStanding: true,
    current: false,
    accepted: true,
    awaitingAdmin: false,
    onDashboard: false,
  },
} as const satisfies Record<string, StatusDescription>;

export type AffiliationStatus = keyof typeof AFFILIATION_STATUS;

/** In the order above, which is the order filters and counts show them in. */
export const AFFILIATION_STATUSES = Object.keys(AFFILIATION_STATUS) as AffiliationStatus[];

/** The statuses whose description says `flag`, e.g. `statusesWhere('current')`. */
export function statusesWhere(flag: Exclude<keyof StatusDescription, 'label' | 'past'>, value = true): AffiliationStatus[] {
  return AFFILIATION_STATUSES.filter((s) => (AFFILIATION_STATUS[s] as StatusDescription)[flag] === value);
}

export const statusLabel = (status: AffiliationStatus): string => AFFILIATION_STATUS[status].label;
export const statusPast = (status: AffiliationStatus): string => AFFILIATION_STATUS[status].past;

/** How each status reads to a person. */
export const STATUS_LABELS = Object.fromEntries(AFFILIATION_STATUSES.map((s) => [s, statusLabel(s)])) as Record<AffiliationStatus, string>;

export function isAffiliationStatus(value: unknown): value is AffiliationStatus {
  return typeof value === 'string' && Object.hasOwn(AFFILIATION_STATUS, value);
}
