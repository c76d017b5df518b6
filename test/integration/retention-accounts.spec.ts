import { BranchSecretariesService } from '../../src/branches/branch-secretaries.service';
import { Clock } from '../../src/common/clock';
import { RetentionService } from '../../src/retention/retention.service';
import { hashToken, TokensService } from '../../src/users/tokens.service';
import { count } from '../factories/branches.factory';
import { makeBranch, makeSecretary } from '../factories/database.factory';
import { createUser, signUpSecretary } from '../utils/auth';
import { before, lastAuditId, retentionAudits } from '../utils/retention';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Each rule run with the clock at NOW: what ended more than its period before
 * NOW goes, what ended an hour less than that stays, and a second run changes
 * nothing (not even the audit log). Rows are aged by setting their timestamps
 * to what they would be had they been made that long ago.
 */
describe('retention of accounts, links and invitations', () => {
  let t: TestApp;
  let retention: RetentionService;
  const NOW = new Date();

  beforeAll(async () => {
    t = await createTestApp();
    retention = t.app.get(RetentionService);
  });
  beforeEach(() => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(NOW);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  const setTimes = (table: string, id: string, values: Record<string, Date | null>): Promise<unknown> => {
    const columns = Object.keys(values);
    return t.dataSource.query(`UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...Object.values(values)]);
  };

  it('erases accounts never confirmed 7 days after registration, as a request would: sessions, links, the address typed; their branch stays, without a secretary and off the list', async () => {
    await retention.deleteUnverifiedAccounts();
    const mark = await lastAuditId(t);

    const abandoned = await signUpSecretary(t, { verified: false, name: 'Abandoned Person' });
    const branch = await makeBranch(t, { secretary: abandoned.user, address: '9 Abandoned Row', listPublicly: true });
    await t.dataSource.transaction((m) => t.app.get(TokensService).issue(m, 'verify_email', abandoned.user.id));
    const young = await makeSecretary(t, { verified: false });
    const confirmed = await makeSecretary(t);
    const unconfirmedAdmin = await createUser(t, { role: 'admin', emailVerifiedAt: null });
    await setTimes('users', abandoned.user.id, { created_at: before(NOW, 7, 1) });
    await setTimes('users', young.id, { created_at: before(NOW, 7, -1) });
    await setTimes('users', confirmed.id, { created_at: before(NOW, 400) });
    await setTimes('users', unconfirmedAdmin.id, { created_at: before(NOW, 400) });
    expect(await count(t, 'sessions WHERE user_id = $1', [abandoned.user.id])).toBe(1);

    expect(await retention.deleteUnverifiedAccounts()).toBe(1);

    expect(await count(t, 'users WHERE id = $1', [abandoned.user.id])).toBe(0);
    expect(await count(t, 'sessions WHERE user_id = $1', [abandoned.user.id])).toBe(0);
    expect(await count(t, 'user_tokens WHERE user_id = $1', [abandoned.user.id])).toBe(0);
    expect(await count(t, 'users WHERE id = ANY($1)', [[young.id, confirmed.id, unconfirmedAdmin.id]])).toBe(3);
    const [kept] = await t.dataSource.query(
      'SELECT secretary_id, address, list_publicly, public_details_unconfirmed_since IS NOT NULL AS unconfirmed FROM branches WHERE id = $1',
      [branch.id],
    );
    expect(kept).toEqual({ secretary_id: null, address: null, list_publicly: false, unconfirmed: true });
    const [erased] = await t.dataSource.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'account.deleted' AND subject_id = $1`, [abandoned.user.id]);
    expect(erased).toEqual({ actor_role: 'system', summary: expect.objectContaining({ reason: 'never_confirmed', branchesLeftWithoutSecretary: 1, addressesErased: 1 }) });
    // Nothing is sent to an address nobody confirmed.
    expect(await count(t, `pgboss.job WHERE name = 'mail' AND data->>'to' = $1`, [abandoned.user.email])).toBe(0);

    const audits = await retentionAudits(t, mark);
    expect(audits).toEqual([{ id: expect.any(String), actorId: null, actorRole: 'system', ip: null, rule: 'unverified-accounts', summary: { count: 1 } }]);
    expect(JSON.stringify(audits)).not.toMatch(new RegExp(`${abandoned.user.id}|${abandoned.user.email}|Abandoned Person`));

    expect(await retention.deleteUnverifiedAccounts()).toBe(0);
    expect(await retentionAudits(t, mark)).toHaveLength(1);
    expect(await count(t, 'users WHERE id = $1', [young.id])).toBe(1);
  });

  it('deletes emailed links 30 days after they were used or expired, once, even when two instances run at once', async () => {
    await retention.deleteSpentTokens();
    const mark = await lastAuditId(t);
    const tokens = t.app.get(TokensService);
    const issue = async (): Promise<string> => {
      const raw = await t.dataSource.transaction((m) => tokens.issue(m, 'admin_invite', null));
      const [row] = await t.dataSource.query('SELECT id FROM user_tokens WHERE token_hash = $1', [hashToken(raw)]);
      return row.id as string;
    };
    const gone: string[] = [];
    for (let i = 0; i < 4; i++) {
      const usedLongAgo = await issue();
      await setTimes('user_tokens', usedLongAgo, { used_at: before(NOW, 30, 1), expires_at: before(NOW, 27) });
      const expiredLongAgo = await issue();
      await setTimes('user_tokens', expiredLongAgo, { used_at: null, expires_at: before(NOW, 30, 1) });
      gone.push(usedLongAgo, expiredLongAgo);
    }
    const usedRecently = await issue();
    await setTimes('user_tokens', usedRecently, { used_at: before(NOW, 30, -1), expires_at: before(NOW, 27) });
    const expiredRecently = await issue();
    await setTimes('user_tokens', expiredRecently, { used_at: null, expires_at: before(NOW, 30, -1) });
    const live = await issue();

    const [a, b] = await Promise.all([retention.deleteSpentTokens(), retention.deleteSpentTokens()]);
    expect(a + b).toBe(gone.length);
    expect(await count(t, 'user_tokens WHERE id = ANY($1)', [gone])).toBe(0);
    expect(await count(t, 'user_tokens WHERE id = ANY($1)', [[usedRecently, expiredRecently, live]])).toBe(3);
    const audits = await retentionAudits(t, mark);
    expect(audits.every((row) => row.rule === 'spent-tokens' && row.actorRole === 'system')).toBe(true);
    expect(audits.reduce((sum, row) => sum + (row.summary.count as number), 0)).toBe(gone.length);

    expect(await retention.deleteSpentTokens()).toBe(0);
    expect(await retentionAudits(t, mark)).toHaveLength(audits.length);
  });

  it('deletes hand-over invitations 30 days after they were accepted, cancelled or expired, and keeps the pending one', async () => {
    await retention.deleteEndedHandovers();
    const mark = await lastAuditId(t);
    const secretary = await makeSecretary(t);
    const branch = await makeBranch(t, { secretary });
    const handovers = t.app.get(BranchSecretariesService);
    // Each new invitation cancels the one before; the last stays pending.
    for (let i = 0; i < 5; i++) await handovers.startHandover(secretary, { id: secretary.id, role: 'secretary', ip: null }, branch.id, `next-${i}@example.org`);
    const ids = ((await t.dataSource.query('SELECT id FROM branch_handovers WHERE branch_id = $1 ORDER BY created_at, invitee_email', [branch.id])) as { id: string }[]).map((r) => r.id);
    const [accepted, cancelled, expired, cancelledRecently, pending] = ids as [string, string, string, string, string];
    await setTimes('branch_handovers', accepted, { cancelled_at: null, accepted_at: before(NOW, 30, 1), expires_at: before(NOW, 25) });
    await setTimes('branch_handovers', cancelled, { cancelled_at: before(NOW, 30, 1), expires_at: before(NOW, 20) });
    await setTimes('branch_handovers', expired, { cancelled_at: null, expires_at: before(NOW, 30, 1) });
    await setTimes('branch_handovers', cancelledRecently, { cancelled_at: before(NOW, 30, -1), expires_at: before(NOW, 20) });

    expect(await retention.deleteEndedHandovers()).toBe(3);
    const left = ((await t.dataSource.query('SELECT id FROM branch_handovers WHERE branch_id = $1', [branch.id])) as { id: string }[]).map((r) => r.id);
    expect(left.sort()).toEqual([cancelledRecently, pending].sort());
    expect(await retentionAudits(t, mark)).toEqual([expect.objectContaining({ rule: 'ended-handovers', summary: { count: 3 }, ip: null })]);

    expect(await retention.deleteEndedHandovers()).toBe(0);
    expect(await retentionAudits(t, mark)).toHaveLength(1);
  });
});
