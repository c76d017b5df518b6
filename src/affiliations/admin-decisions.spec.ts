import { NotFoundError } from '../common/errors/domain-error';
import { RequestValidationException } from '../common/http/validation';
import { ADMIN_DECISION_404, ADMIN_DECISIONS, adminDecision, decisionMessage } from './admin-decisions';
import { AFFILIATION_TRANSITIONS } from './affiliation-transitions';

describe('the admin decisions, read from the transition table', () => {
  it('are the five an admin takes, named in kebab-case', () => {
    expect(ADMIN_DECISIONS.map((d) => [d.slug, d.action])).toEqual([
      ['approve', 'approve'],
      ['reject', 'reject'],
      ['request-changes', 'request_changes'],
      ['suspend', 'suspend'],
      ['reinstate', 'reinstate'],
    ]);
  });

  it('leave out what an admin takes otherwise (mark_paid, by recording a payment) and what only others take', () => {
    for (const slug of ['mark-paid', 'mark_paid', 'request_changes', 'pay-what-you-can', 'withdraw', 'submit', 'lapse', 'edit-facts', '']) {
      expect(adminDecision(slug)).toBeUndefined();
      expect(() => ADMIN_DECISION_404.transform(slug)).toThrow(NotFoundError);
    }
    expect(ADMIN_DECISION_404.transform('request-changes').action).toBe('request_changes');
  });

  it('are only ever taken by admins, and ask for words exactly when the move needs a message', () => {
    for (const t of AFFILIATION_TRANSITIONS) {
      if (t.decision) expect(t.by).toContain('admin');
      expect(!!t.decision?.message).toBe(!!t.needsMessage);
    }
  });

  it('name the body field each has always used: reason for a rejection or a suspension, message for changes', () => {
    const fields = Object.fromEntries(ADMIN_DECISIONS.map((d) => [d.slug, d.message?.field]));
    expect(fields).toEqual({ approve: undefined, reject: 'reason', 'request-changes': 'message', suspend: 'reason', reinstate: undefined });
  });

  it('read the message from its own field, with that field’s rules', async () => {
    await expect(decisionMessage(adminDecision('reject')!, { reason: '  Not a branch  ' })).resolves.toBe('Not a branch');
    await expect(decisionMessage(adminDecision('request-changes')!, { message: 'Give the date' })).resolves.toBe('Give the date');
    await expect(decisionMessage(adminDecision('approve')!, { _csrf: 'token' })).resolves.toBeUndefined();
  });

  it('refuse a missing message, a message under the other field, and any words for a decision that takes none', async () => {
    const errorsOf = async (slug: string, body: unknown): Promise<Record<string, string[]>> => {
      const error = await decisionMessage(adminDecision(slug)!, body).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RequestValidationException);
      return (error as RequestValidationException).errors;
    };
    expect(Object.keys(await errorsOf('reject', {}))).toEqual(['reason']);
    expect(Object.keys(await errorsOf('suspend', { message: 'Under review' })).sort()).toEqual(['message', 'reason']);
    expect((await errorsOf('request-changes', {})).message).toEqual(['Enter what needs changing']);
    expect(Object.keys(await errorsOf('approve', { reason: 'Because' }))).toEqual(['reason']);
  });
});
