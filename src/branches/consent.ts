/**
 * The exact words a secretary agrees to when the branch may be listed. Stored
 * with the consent, so a later change of wording does not rewrite what was agreed.
 */
export const LIST_CONSENT_WORDING =
  'Our branch agrees that its public name, union, region and the year it affiliated may be shown on the ' +
  'campaign’s public list of affiliated branches, including where other websites show that list. ' +
  'We can withdraw this at any time.';
