import { LIST_CONSENT_WORDING } from './consent';
import type { Branch } from './branch.entity';
import { REGIONS } from './regions';
import { OTHER_UNION, UNIONS } from './unions';

const UNION_OPTIONS = [...UNIONS].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));

/** What the branch form needs besides values and errors (also when re-rendered after an error). */
export const BRANCH_FORM_LOCALS = {
  unions: UNION_OPTIONS,
  otherUnion: OTHER_UNION,
  regions: REGIONS,
  consentWording: LIST_CONSENT_WORDING,
};

/** A branch as form values: everything as the strings a form posts back. */
export function branchFormValues(b: Branch): Record<string, string> {
  return {
    union: b.union,
    unionOther: b.unionOther ?? '',
    name: b.name,
    code: b.code ?? '',
    region: b.region,
    membershipSize: String(b.membershipSize),
    regionalBody: b.regionalBody ? 'true' : '',
    publicName: b.publicName,
    listPublicly: b.listPublicly ? 'true' : 'false',
    address: b.address ?? '',
  };
}
