/*
 * Mistakes the generated types refuse at compile time: each line below must
 * NOT compile (an unused @ts-expect-error fails the build). Integers and
 * dates are declared in the document (`integer`, `format: date`) for
 * validators; TypeScript has no type for them, so the server refuses those
 * at run time with a field message.
 */
import type { components } from './generated/schema';

type CreateBranch = components['schemas']['CreateBranchDto'];

// @ts-expect-error 'unitee' is not a union key
export const misspeltUnion: CreateBranch['union'] = 'unitee';
// @ts-expect-error 'yorkshire' is not a region key (the key is yorkshire_humber)
export const wrongRegion: CreateBranch['region'] = 'yorkshire';
// @ts-expect-error a decision the transition table does not have
export const decision: components['schemas']['AffiliationDecision'] = 'mark-paid';
// @ts-expect-error the payment methods are an enum
export const method: components['schemas']['RecordPaymentDto']['method'] = 'bitcoin';
