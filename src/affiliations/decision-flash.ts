import type { Flash, FlashItem } from '../common/http/flash';
import { statusLabel, statusPast } from './affiliation-status';
import type { AffiliationSummary } from './affiliations.repository';
import type { BulkResult } from './affiliations.service';

const branchPage = (a: Pick<AffiliationSummary, 'branchId' | 'id'>): string => `/admin/branches/${a.branchId}#affiliation-${a.id}`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the page after one decision says: the branch, the year and where it stands now. */
export function decisionFlash(a: AffiliationSummary): Flash {
  return {
    kind: 'success',
    message: `${a.publicName}: the ${a.affiliationYear} affiliation was ${statusPast(a.status)}.`,
    nextWaiting: true,
  };
}

/**
 * What the queue says after approving one or several: which were approved,
 * which had already been decided by someone else (with where they stand now),
 * each linking to its branch, and how many no longer exist.
 */
export function bulkApprovalFlash(results: readonly BulkResult[], summaries: readonly AffiliationSummary[]): Flash {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const found = (outcome: BulkResult['outcome']): AffiliationSummary[] =>
    results.filter((r) => r.outcome === outcome).flatMap((r) => byId.get(r.id) ?? []);
  const approved = found('approved');
  const conflicts = found('conflict');
  const missing = results.length - approved.length - conflicts.length;

  if (results.length === 1 && approved.length === 1) return decisionFlash(approved[0]);
  if (results.length === 1 && conflicts.length === 1) {
    const a = conflicts[0];
    return {
      kind: 'warning',
      message: `${a.publicName}: the ${a.affiliationYear} affiliation had already been ${statusPast(a.status)} by someone else, so it was left as it is.`,
      nextWaiting: true,
    };
  }
  const name = (a: AffiliationSummary): string => `${a.publicName} (${a.affiliationYear})`;
  const groups = [
    { title: `Approved (${approved.length})`, items: approved.map((a): FlashItem => ({ text: name(a), href: branchPage(a) })) },
    {
      title: `Already decided by someone else, so left as they are (${conflicts.length})`,
      items: conflicts.map((a): FlashItem => ({ text: `${name(a)}: now ${statusLabel(a.status).toLowerCase()}`, href: branchPage(a) })),
    },
  ].filter((g) => g.items.length);
  const notes = [
    conflicts.length && `${conflicts.length} had already been decided by someone else`,
    missing && `${plural(missing, 'affiliation')} no longer ${missing === 1 ? 'exists' : 'exist'}`,
  ].filter(Boolean);
  const message = notes.length
    ? `Approved ${approved.length} of ${results.length}: ${notes.join('; ')}.`
    : `Approved ${plural(approved.length, 'affiliation')}.`;
  return { kind: notes.length ? 'warning' : 'success', message, groups, nextWaiting: true };
}
