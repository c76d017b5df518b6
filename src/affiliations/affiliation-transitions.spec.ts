import { AFFILIATION_STATUSES, statusesWhere } from './affiliation-status';
import { actionsFrom, AFFILIATION_TRANSITIONS, findTransition, submitActionFrom } from './affiliation-transitions';

describe('the affiliation transition table', () => {
  it('has the lifecycle of the product brief', () => {
    const edges = AFFILIATION_TRANSITIONS.filter((t) => t.action !== 'edit_facts').map((t) => `${t.from} → ${t.to}`);
    expect(new Set(edges)).toEqual(
      new Set([
        'draft → submitted',
        'submitted → approved',
        'submitted → rejected',
        'submitted → changes_requested',
        'changes_requested → submitted',
        'approved → lapsed',
        'approved → suspended',
        'approved → withdrawn',
        'lapsed → approved',
        'suspended → approved',
        // Renewal: raised ahead of the year, affiliated once paid, or lapsed or withdrawn.
        'null → renewal_due',
        'renewal_due → approved',
        'renewal_due → lapsed',
        'renewal_due → withdrawn',
        // A branch that withdrew affiliates again.
        'withdrawn → submitted',
        // A secretary starting this year's affiliation.
        'null → draft',
      ]),
    );
  });

  it('brings affiliations into being only by create (a secretary) and renew (the fee rules)', () => {
    const births = AFFILIATION_TRANSITIONS.filter((t) => t.from === null);
    expect(births.map((t) => [t.action, t.to, t.by])).toEqual([
      ['create', 'draft', ['secretary']],
      ['renew', 'renewal_due', ['system']],
    ]);
  });

  it('uses only known statuses and never lists the same move twice', () => {
    for (const t of AFFILIATION_TRANSITIONS) {
      if (t.from !== null) expect(AFFILIATION_STATUSES).toContain(t.from);
      expect(AFFILIATION_STATUSES).toContain(t.to);
    }
    const keys = AFFILIATION_TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lets only admins decide and only secretaries submit or withdraw', () => {
    expect(findTransition('submitted', 'approve', 'admin')?.to).toBe('approved');
    expect(findTransition('submitted', 'approve', 'secretary')).toBeUndefined();
    expect(findTransition('draft', 'submit', 'admin')).toBeUndefined();
    expect(findTransition('approved', 'withdraw', 'admin')).toBeUndefined();
    expect(findTransition('approved', 'lapse', 'admin')).toBeUndefined();
  });

  it('refuses moves the table does not list, such as approving twice or reviving a rejection', () => {
    expect(findTransition('approved', 'approve', 'admin')).toBeUndefined();
    expect(findTransition('rejected', 'approve', 'admin')).toBeUndefined();
    expect(findTransition('withdrawn', 'reinstate', 'admin')).toBeUndefined();
  });

  it('lets a secretary send a withdrawn affiliation again, as the submit flow does, and nobody else', () => {
    expect(findTransition('withdrawn', 'resubmit', 'secretary')?.to).toBe('submitted');
    expect(submitActionFrom('withdrawn')).toBe('resubmit');
    expect(findTransition('withdrawn', 'resubmit', 'admin')).toBeUndefined();
    expect(actionsFrom('withdrawn', 'admin')).toEqual([]);
  });

  it('asks for words with a rejection, a request for changes and a suspension', () => {
    const needing = AFFILIATION_TRANSITIONS.filter((t) => t.needsMessage).map((t) => t.action);
    expect(needing.sort()).toEqual(['reject', 'request_changes', 'suspend']);
  });

  it('offers the buttons each side may press', () => {
    expect(actionsFrom('submitted', 'admin').sort()).toEqual(['approve', 'reject', 'request_changes']);
    expect(actionsFrom('approved', 'secretary').sort()).toEqual(['edit_facts', 'withdraw']);
    expect(actionsFrom('rejected', 'admin')).toEqual([]);
  });
});

describe('the one description of each status', () => {
  it('derives every status set from the description', () => {
    expect(statusesWhere('current')).toEqual(['approved']);
    expect(statusesWhere('awaitingAdmin')).toEqual(['submitted']);
    expect(statusesWhere('decidesStanding', false)).toEqual(['renewal_due']);
    expect(statusesWhere('accepted')).toEqual(['approved', 'renewal_due', 'lapsed', 'suspended', 'withdrawn']);
  });

  it('reaches every status from a new affiliation', () => {
    const reached = new Set<string>();
    let frontier: (string | null)[] = [null];
    while (frontier.length) {
      const next = AFFILIATION_TRANSITIONS.filter((t) => frontier.includes(t.from) && !reached.has(t.to)).map((t) => t.to);
      next.forEach((s) => reached.add(s));
      frontier = next;
    }
    expect([...reached].sort()).toEqual([...AFFILIATION_STATUSES].sort());
  });
});
