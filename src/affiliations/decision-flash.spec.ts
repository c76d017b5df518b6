import type { AffiliationSummary } from './affiliations.repository';
import { bulkApprovalFlash, decisionFlash } from './decision-flash';

const summary = (n: number, status: AffiliationSummary['status'] = 'approved'): AffiliationSummary => ({
  id: `a${n}`,
  branchId: `b${n}`,
  publicName: `Branch ${n}`,
  affiliationYear: 2026,
  status,
});

describe('what the page after a decision says', () => {
  it('names the branch, the year and where it stands after one decision, and offers the next', () => {
    expect(decisionFlash(summary(1, 'changes_requested'))).toEqual({
      kind: 'success',
      message: 'Branch 1: the 2026 affiliation was sent back for changes.',
      nextWaiting: true,
    });
  });

  it('after approving one from the queue, says the same; or that someone else had decided it', () => {
    expect(bulkApprovalFlash([{ id: 'a1', outcome: 'approved' }], [summary(1)]).message).toBe('Branch 1: the 2026 affiliation was approved.');
    expect(bulkApprovalFlash([{ id: 'a1', outcome: 'conflict' }], [summary(1, 'rejected')])).toEqual({
      kind: 'warning',
      message: 'Branch 1: the 2026 affiliation had already been rejected by someone else, so it was left as it is.',
      nextWaiting: true,
    });
  });

  it('after approving several, lists those approved and those someone else had decided, with where they stand and their pages', () => {
    const flash = bulkApprovalFlash(
      [
        { id: 'a1', outcome: 'approved' },
        { id: 'a2', outcome: 'conflict' },
        { id: 'a3', outcome: 'approved' },
        { id: 'gone', outcome: 'not_found' },
      ],
      [summary(1), summary(2, 'rejected'), summary(3)],
    );
    expect(flash).toEqual({
      kind: 'warning',
      message: 'Approved 2 of 4: 1 had already been decided by someone else; 1 affiliation no longer exists.',
      groups: [
        {
          title: 'Approved (2)',
          items: [
            { text: 'Branch 1 (2026)', href: '/admin/branches/b1#affiliation-a1' },
            { text: 'Branch 3 (2026)', href: '/admin/branches/b3#affiliation-a3' },
          ],
        },
        { title: 'Already decided by someone else, so left as they are (1)', items: [{ text: 'Branch 2 (2026): now not accepted', href: '/admin/branches/b2#affiliation-a2' }] },
      ],
      nextWaiting: true,
    });
    expect(bulkApprovalFlash([{ id: 'a1', outcome: 'approved' }, { id: 'a2', outcome: 'approved' }], [summary(1), summary(2)])).toMatchObject({
      kind: 'success',
      message: 'Approved 2 affiliations.',
    });
  });
});
