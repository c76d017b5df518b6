/**
 * How a person's own actions read in the summary of their data. The export
 * file keeps the log's codes; an action not listed here reads as its code.
 */
const LABELS: Record<string, string> = {
  'user.registered': 'Registered',
  'user.email_verified': 'Confirmed your email address',
  'auth.login': 'Signed in',
  'auth.login_failed': 'A sign-in to your account failed',
  'auth.password_accepted': 'Password accepted; second factor asked for',
  'auth.mfa_failed': 'A second-factor code was refused',
  'auth.logout': 'Signed out',
  'auth.password_reset_requested': 'Asked to reset your password',
  'auth.password_reset': 'Reset your password',
  'account.name_changed': 'Changed your name',
  'account.email_change_requested': 'Asked to change your email address',
  'account.email_changed': 'Changed your email address',
  'account.password_changed': 'Changed your password',
  'account.recovery_codes_regenerated': 'Made new recovery codes',
  'account.data_exported': 'Looked at or downloaded your data',
  'branch.register': 'Registered a branch',
  'branch.update': 'Changed a branch’s details',
  'branch.handover_start': 'Invited someone to take over as secretary',
  'branch.claim_request': 'Asked to take over a branch',
  'branch.claim_repeat': 'Asked again to take over a branch',
  'branch.claim_unmatched': 'Asked to take over a branch',
  'branch.duplicate_attempt': 'Tried to register a branch that is already registered',
  'affiliation.create': 'Started an affiliation',
  'affiliation.submit': 'Sent an affiliation',
  'affiliation.resubmit': 'Sent an affiliation again',
  'affiliation.edit_facts': 'Changed details an affiliation was decided on',
  'affiliation.withdraw': 'Withdrew an affiliation',
  'signed_letter.uploaded': 'Uploaded a signed affiliation letter',
  'signed_letter.replaced': 'Uploaded a new copy of a signed affiliation letter',
};

export function activityLabel(action: string): string {
  return LABELS[action] ?? action;
}
