import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { branchBody, count, createBranch } from '../factories/branches.factory';

/**
 * Whether a registered but unlisted branch exists is nobody's business: a
 * takeover request answers the same either way, and the answers that do tell
 * (a duplicate registration) are limited per account and address, and audited.
 */
describe('branch existence probes', () => {
  let t: TestApp;
  let owner: SignedIn;
  let admin: SignedIn;
  let address = 0;
  /** Each test acts from its own client address (one trusted proxy hop), so address budgets do not mix. */
  const fromNewAddress = (): string => `198.51.100.${++address}`;

  beforeAll(async () => {
    t = await createTestApp({ env: { BRANCH_PROBES_PER_DAY: '3', TRUST_PROXY_HOPS: '1' } });
    owner = await signUpSecretary(t, { name: 'Owner Secretary' });
    admin = await signInAdmin(t);
    await createBranch(owner, { union: 'rmt', name: 'Hidden Depot', code: 'HD-7', listPublicly: false });
  });
  afterAll(() => t?.close());

  const claim = (s: SignedIn, ip: string, body: Record<string, unknown>) =>
    s.agent.post('/api/branches/claims').set('X-CSRF-Token', s.csrf).set('X-Forwarded-For', ip).send(body);
  const register = (s: SignedIn, ip: string, body: Record<string, unknown>) =>
    s.agent.post('/api/branches').set('X-CSRF-Token', s.csrf).set('X-Forwarded-For', ip).send(body);

  it('answers a takeover request identically for a hidden branch and a made-up one, recording only the real one', async () => {
    const prober = await signUpSecretary(t);
    const ip = fromNewAddress();
    const real = await claim(prober, ip, { union: 'rmt', name: 'Hidden Depot' });
    const madeUp = await claim(prober, ip, { union: 'rmt', name: 'No Such Depot Anywhere' });
    expect({ status: real.status, body: real.body }).toEqual({ status: madeUp.status, body: madeUp.body });
    expect(real.status).toBe(202);
    expect(real.body).toEqual({ status: 'received', message: expect.stringMatching(/If that branch is registered/) });
    expect(await count(t, 'branch_claims WHERE requester_id = $1', [prober.user.id])).toBe(1);

    const pending = await admin.agent.get('/api/admin/claims').expect(200);
    expect(pending.body.items.filter((c: { requesterEmail: string }) => c.requesterEmail === prober.user.email)).toEqual([
      expect.objectContaining({ publicName: expect.stringMatching(/Hidden Depot$/), requesterName: prober.user.name }),
    ]);

    // Asking again answers the same too, and records nothing more.
    const again = await claim(prober, ip, { union: 'rmt', name: 'Hidden Depot' });
    expect({ status: again.status, body: again.body }).toEqual({ status: real.status, body: real.body });
    expect(await count(t, 'branch_claims WHERE requester_id = $1', [prober.user.id])).toBe(1);
  });

  it('audits every probe with who asked: claims found or not, and duplicate registrations', async () => {
    const prober = await signUpSecretary(t);
    const ip = fromNewAddress();
    await claim(prober, ip, { union: 'rmt', name: 'Imaginary Yard' }).expect(202);
    const dup = await register(prober, ip, branchBody({ union: 'rmt', name: 'The Hidden Depot Branch' }));
    expect(dup.status).toBe(409);
    const hidden = (await t.dataSource.query(`SELECT id FROM branches WHERE name = 'Hidden Depot'`))[0].id;
    const rows: { action: string; subject_id: string | null; summary: Record<string, unknown> }[] = await t.dataSource.query(
      `SELECT action, subject_id, summary FROM audit_events WHERE actor_id = $1 AND action LIKE 'branch.%' ORDER BY id`,
      [prober.user.id],
    );
    expect(rows).toEqual([
      { action: 'branch.claim_unmatched', subject_id: null, summary: { union: 'rmt' } },
      { action: 'branch.duplicate_attempt', subject_id: hidden, summary: { by: 'name', via: 'register' } },
    ]);
  });

  it('answers 429 with Retry-After past the day’s limit, to every registration and request alike', async () => {
    const prober = await signUpSecretary(t);
    const ip = fromNewAddress();
    const statuses = [
      (await claim(prober, ip, { union: 'rmt', name: 'Made Up One' })).status,
      (await register(prober, ip, branchBody({ union: 'rmt', name: 'Hidden Depot' }))).status,
      (await claim(prober, ip, { union: 'rmt', name: 'Hidden Depot' })).status,
    ];
    expect(statuses).toEqual([202, 409, 202]);
    const blockedClaim = await claim(prober, ip, { union: 'rmt', name: 'Made Up Two' });
    expect(blockedClaim.status).toBe(429);
    expect(Number(blockedClaim.headers['retry-after'])).toBeGreaterThan(3600);
    // A new branch is refused too, so the 429 itself says nothing about existence.
    const blockedNew = await register(prober, ip, branchBody({ union: 'rmt' }));
    expect(blockedNew.status).toBe(429);
    expect(blockedNew.body).toEqual(blockedClaim.body);
  });

  it('counts a rename onto an existing branch, but never blocks an edit that keeps the name', async () => {
    const sec = await signUpSecretary(t);
    const ip = fromNewAddress();
    const mine = await createBranch(sec, { union: 'rmt', name: 'Renaming Depot' });
    const patch = (body: Record<string, unknown>) =>
      sec.agent.patch(`/api/branches/${mine.id}`).set('X-CSRF-Token', sec.csrf).set('X-Forwarded-For', ip).send(body);
    for (let i = 0; i < 3; i++) expect((await patch({ name: 'Hidden Depot' })).status).toBe(409);
    expect((await patch({ name: 'Hidden Depot' })).status).toBe(429);
    const hidden = (await t.dataSource.query(`SELECT id FROM branches WHERE name = 'Hidden Depot'`))[0].id;
    expect(await count(t, `audit_events WHERE actor_id = $1 AND action = 'branch.duplicate_attempt' AND subject_id = $2 AND summary->>'via' = 'update'`, [sec.user.id, hidden])).toBe(3);
    // The budget is spent, yet the secretary still edits their branch as a form does, name included.
    const edit = await patch({ union: 'rmt', name: 'Renaming  Depot', code: null, address: '1 Station Road' });
    expect(edit.status).toBe(200);
    expect(edit.body.address).toBe('1 Station Road');
  });

  it('gives the point back for a registration that met no branch, so new branches never use up the budget', async () => {
    const busy = await signUpSecretary(t);
    const ip = fromNewAddress();
    for (let i = 0; i < 5; i++) await register(busy, ip, branchBody({ union: 'nuj' })).expect(201);
  });

  it('limits one client address across accounts (three times the account limit)', async () => {
    const ip = fromNewAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const prober = await signUpSecretary(t);
      for (let j = 0; j < 3; j++) statuses.push((await claim(prober, ip, { union: 'rmt', name: `Guess ${i}-${j}` })).status);
    }
    expect(statuses.slice(0, 9).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(9)).toEqual([429, 429, 429]);
  });
});
