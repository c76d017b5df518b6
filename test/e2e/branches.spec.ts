import { Branch } from '../../src/branches/branch.entity';
import { normaliseBranchName } from '../../src/branches/normalise';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { branchBody, count, createBranch, queuedEmails, submitAffiliation } from '../factories/branches.factory';

describe('branches (API)', () => {
  let t: TestApp;
  let a: SignedIn;
  let b: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = await signUpSecretary(t, { name: 'Alice Secretary' });
    b = await signUpSecretary(t, { name: 'Bob Secretary' });
  });
  afterAll(() => t?.close());

  const branches = () => t.dataSource.getRepository(Branch);

  it('registers a branch with a default public name and the consent recorded with its wording', async () => {
    const res = await a.agent
      .post('/api/branches')
      .set('X-CSRF-Token', a.csrf)
      .send({ union: 'unison', name: 'Leeds City', code: '12/345', region: 'yorkshire_humber', membershipSize: 800, listPublicly: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ union: 'unison', name: 'Leeds City', publicName: 'UNISON Leeds City', listPublicly: true, membershipSize: 800 });
    expect(res.body.listConsentAt).toEqual(expect.any(String));
    expect(res.body.listConsentWording).toMatch(/public list/);
    const stored = await branches().findOneByOrFail({ id: res.body.id });
    expect(stored.secretaryId).toBe(a.user.id);
    expect(await count(t, `branch_secretary_changes WHERE branch_id = $1 AND reason = 'registered'`, [stored.id])).toBe(1);
    expect(await count(t, `audit_events WHERE action = 'branch.register' AND subject_id = $1`, [stored.id])).toBe(1);
  });

  it('explains every bad field', async () => {
    const res = await a.agent
      .post('/api/branches')
      .set('X-CSRF-Token', a.csrf)
      .send({ union: 'nope', name: 'x', region: 'mars', membershipSize: -3, listPublicly: 'perhaps', code: '<b>' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['code', 'listPublicly', 'membershipSize', 'name', 'region', 'union']);
    expect(res.body.errors.union[0]).toMatch(/Choose the branch’s union/);
  });

  it('refuses control and bidi-override characters in names', async () => {
    const res = await a.agent.post('/api/branches').set('X-CSRF-Token', a.csrf).send(branchBody({ name: 'Evil \u202Egnp.exe' }));
    expect(res.status).toBe(400);
    expect(res.body.errors.name[0]).toMatch(/U\+202E/);
  });

  it('asks for the union name when the union is "other"', async () => {
    const res = await a.agent.post('/api/branches').set('X-CSRF-Token', a.csrf).send(branchBody({ union: 'other' }));
    expect(res.status).toBe(400);
    expect(res.body.errors.unionOther).toBeDefined();
    const ok = await a.agent.post('/api/branches').set('X-CSRF-Token', a.csrf).send(branchBody({ union: 'other', unionOther: 'Sheffield Tenants Union' }));
    expect(ok.status).toBe(201);
    expect(ok.body.unionName).toBe('Sheffield Tenants Union');
  });

  it.each([['status', 'approved'], ['approvedAt', '2020-01-01'], ['secretaryId', '00000000-0000-0000-0000-000000000000'], ['isAdmin', true]])(
    'refuses a body with %s (mass assignment) and stores nothing',
    async (field, value) => {
      const before = await branches().count();
      const body = branchBody({ [field]: value });
      const res = await a.agent.post('/api/branches').set('X-CSRF-Token', a.csrf).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[field]).toEqual([`${field} is not a field you can set`]);
      expect(await branches().count()).toBe(before);
    },
  );

  it('refuses mass assignment on PATCH too, changing nothing', async () => {
    const branch = await createBranch(a);
    const res = await a.agent.patch(`/api/branches/${branch.id}`).set('X-CSRF-Token', a.csrf).send({ name: 'Renamed', secretaryId: b.user.id });
    expect(res.status).toBe(400);
    const stored = await branches().findOneByOrFail({ id: branch.id });
    expect(stored.name).toBe(branch.name);
    expect(stored.secretaryId).toBe(a.user.id);
  });

  it('tells the secretary the branch exists (same union and normalised name) and lets them ask to take it over', async () => {
    await createBranch(a, { union: 'gmb', name: 'Bristol Central Branch', code: 'BR-01' });
    const dup = await b.agent.post('/api/branches').set('X-CSRF-Token', b.csrf).send(branchBody({ union: 'gmb', name: '  the bristol   CENTRAL ' }));
    expect(dup.status).toBe(409);
    expect(dup.body.message).toMatch(/already registered.*take it over/);
    const byCode = await b.agent.post('/api/branches').set('X-CSRF-Token', b.csrf).send(branchBody({ union: 'gmb', name: 'Something Else', code: 'br01' }));
    expect(byCode.status).toBe(409);
    expect(byCode.body.errors.code).toBeDefined();
    // Another union may have a branch of the same name.
    await createBranch(b, { union: 'unite', name: 'Bristol Central' });

    const claim = await b.agent.post('/api/branches/claims').set('X-CSRF-Token', b.csrf).send({ union: 'gmb', name: 'Bristol Central' });
    expect(claim.status).toBe(202);
    // Asking twice answers alike (whether a branch exists is not told) and records one request.
    const again = await b.agent.post('/api/branches/claims').set('X-CSRF-Token', b.csrf).send({ union: 'gmb', name: 'Bristol Central' });
    expect({ status: again.status, body: again.body }).toEqual({ status: claim.status, body: claim.body });

    const admin = await signInAdmin(t);
    const pending = (await admin.agent.get('/api/admin/claims').expect(200)).body.items.filter((c: { requesterEmail: string }) => c.requesterEmail === b.user.email);
    expect(pending).toHaveLength(1);
    const decided = await admin.agent.post(`/api/admin/claims/${pending[0].id}`).set('X-CSRF-Token', admin.csrf).send({ decision: 'approve' });
    expect(decided.status).toBe(200);
    const stored = await branches().findOneByOrFail({ normalisedName: normaliseBranchName('Bristol Central'), union: 'gmb' });
    expect(stored.secretaryId).toBe(b.user.id);
    expect((await a.agent.get(`/api/branches/${stored.id}`)).status).toBe(404);
    expect((await b.agent.get(`/api/branches/${stored.id}`)).status).toBe(200);
    const second = await admin.agent.post(`/api/admin/claims/${pending[0].id}`).set('X-CSRF-Token', admin.csrf).send({ decision: 'decline' });
    expect(second.status).toBe(409);
  });

  it.each([
    ['Cyrillic е', 'L\u0435\u0435ds City'],
    ['a zero-width space', 'Lee\u200Bds City'],
    ['a Cyrillic capital С and a soft hyphen', 'Leeds \u0421i\u00ADty'],
  ])('treats a look-alike name with %s as the branch already registered (409), storing nothing', async (_, name) => {
    if (!(await branches().countBy({ union: 'usdaw' }))) await createBranch(a, { union: 'usdaw', name: 'Leeds City' });
    const before = await branches().countBy({ union: 'usdaw' });
    const res = await b.agent.post('/api/branches').set('X-CSRF-Token', b.csrf).send(branchBody({ union: 'usdaw', name }));
    expect(res.status).toBe(409);
    expect(res.body.errors.name).toBeDefined();
    expect(await branches().countBy({ union: 'usdaw' })).toBe(before);
  });

  it('maps a registration race to one 201 and precise 409s (named unique index)', async () => {
    const body = branchBody({ union: 'pcs', name: 'Race Branch' });
    const results = await Promise.all(Array.from({ length: 8 }, () => a.agent.post('/api/branches').set('X-CSRF-Token', a.csrf).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => /already registered/.test(r.body.message))).toBe(true);
    expect(await branches().countBy({ union: 'pcs', normalisedName: normaliseBranchName('Race') })).toBe(1);
  });

  it("keeps a secretary out of another secretary's branch: read, change, submit, hand over → 404 and nothing changes", async () => {
    const theirs = await createBranch(b, { name: 'Not Alices Branch' });
    const before = await branches().findOneByOrFail({ id: theirs.id });
    const attempts = [
      await a.agent.get(`/api/branches/${theirs.id}`),
      await a.agent.patch(`/api/branches/${theirs.id}`).set('X-CSRF-Token', a.csrf).send({ name: 'Hijacked', membershipSize: 9 }),
      await a.agent.post(`/api/branches/${theirs.id}/affiliations`).set('X-CSRF-Token', a.csrf).send({ motionPassedOn: '2026-01-10', endorsesStatement: true }),
      await a.agent.get(`/api/branches/${theirs.id}/affiliations`),
      await a.agent.post(`/api/branches/${theirs.id}/handover`).set('X-CSRF-Token', a.csrf).send({ email: 'x@example.org' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, message: 'Branch not found' });
    }
    const after = await branches().findOneByOrFail({ id: theirs.id });
    expect(after).toEqual(before);
    expect(await count(t, 'affiliations WHERE branch_id = $1', [theirs.id])).toBe(0);
    expect(await count(t, 'branch_handovers WHERE branch_id = $1', [theirs.id])).toBe(0);
  });

  it('validates ids before any query: a malformed id is 404', async () => {
    for (const id of ['not-a-uuid', 'undefined', "1' OR '1'='1"]) {
      const res = await a.agent.get(`/api/branches/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
    }
  });

  it('needs a session: 401 without one', async () => {
    const res = await t.http().get('/api/branches');
    expect(res.status).toBe(401);
  });

  it('hands the branch over by a single-use emailed link; the old secretary loses access', async () => {
    const branch = await createBranch(a, { name: 'Handover Branch' });
    const next = await signUpSecretary(t, { email: 'next.secretary@example.org', name: 'Next Secretary' });
    const res = await a.agent.post(`/api/branches/${branch.id}/handover`).set('X-CSRF-Token', a.csrf).send({ email: 'Next.Secretary@example.org' });
    expect(res.status).toBe(202);
    const [mail] = await queuedEmails(t, 'next.secretary@example.org');
    const token = /\/handover\/([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const stored = await t.dataSource.query('SELECT token_hash FROM branch_handovers WHERE branch_id = $1', [branch.id]);
    expect(stored[0].token_hash).not.toContain(token);

    // Someone else with the link cannot use it.
    const wrong = await b.agent.post('/api/handovers/accept').set('X-CSRF-Token', b.csrf).send({ token });
    expect(wrong.status).toBe(403);

    const ok = await next.agent.post('/api/handovers/accept').set('X-CSRF-Token', next.csrf).send({ token });
    expect(ok.status).toBe(200);
    expect((await a.agent.get(`/api/branches/${branch.id}`)).status).toBe(404);
    expect((await next.agent.get(`/api/branches/${branch.id}`)).status).toBe(200);
    expect(await count(t, `branch_secretary_changes WHERE branch_id = $1 AND reason = 'handover' AND from_user_id = $2`, [branch.id, a.user.id])).toBe(1);

    const reuse = await next.agent.post('/api/handovers/accept').set('X-CSRF-Token', next.csrf).send({ token });
    expect(reuse.status).toBe(404);
  });

  it('refuses a hand-over accepted by an account whose email is not verified (403), until it is', async () => {
    const branch = await createBranch(a, { name: 'Unverified Handover Branch' });
    const res = await a.agent.post(`/api/branches/${branch.id}/handover`).set('X-CSRF-Token', a.csrf).send({ email: 'fresh.invitee@example.org' });
    expect(res.status).toBe(202);
    const token = /\/handover\/([\w-]+)/.exec((await queuedEmails(t, 'fresh.invitee@example.org'))[0].text)![1];
    // Anyone can make an account with the invitee's address a moment later; it is not verified.
    const squatter = await signUpSecretary(t, { email: 'fresh.invitee@example.org', verified: false });
    const refused = await squatter.agent.post('/api/handovers/accept').set('X-CSRF-Token', squatter.csrf).send({ token });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/confirm your email address/i);
    expect((await branches().findOneByOrFail({ id: branch.id })).secretaryId).toBe(a.user.id);
    expect(await count(t, 'branch_handovers WHERE branch_id = $1 AND accepted_at IS NOT NULL', [branch.id])).toBe(0);

    await t.dataSource.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [squatter.user.id]);
    const ok = await squatter.agent.post('/api/handovers/accept').set('X-CSRF-Token', squatter.csrf).send({ token });
    expect(ok.status).toBe(200);
  });

  it('lets an admin reassign a branch, keeping the history', async () => {
    const branch = await createBranch(a, { name: 'Reassigned Branch' });
    const admin = await signInAdmin(t);
    const res = await admin.agent.post(`/api/admin/branches/${branch.id}/reassign`).set('X-CSRF-Token', admin.csrf).send({ email: b.user.email });
    expect(res.status).toBe(200);
    expect((await a.agent.get(`/api/branches/${branch.id}`)).status).toBe(404);
    const view = await admin.agent.get(`/api/admin/branches/${branch.id}`).expect(200);
    expect(view.body.secretaryHistory.map((h: { reason: string }) => h.reason)).toEqual(['registered', 'admin_reassign']);
  });

  it('withdraws consent to be listed, keeping when it was given', async () => {
    const branch = await createBranch(a, { name: 'Consent Branch', listPublicly: true });
    const res = await a.agent.patch(`/api/branches/${branch.id}`).set('X-CSRF-Token', a.csrf).send({ listPublicly: false });
    expect(res.status).toBe(200);
    expect(res.body.listPublicly).toBe(false);
    const stored = await branches().findOneByOrFail({ id: branch.id });
    expect(stored.listConsentAt).not.toBeNull();
    expect(stored.listConsentWithdrawnAt).not.toBeNull();
  });

  it('sends an affiliation back to review when the secretary changes its key facts', async () => {
    const branch = await createBranch(a, { name: 'Key Facts Branch', membershipSize: 400 });
    const aff = await submitAffiliation(a, branch.id);
    const admin = await signInAdmin(t);
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);

    // Changing the address is not a key fact.
    await a.agent.patch(`/api/branches/${branch.id}`).set('X-CSRF-Token', a.csrf).send({ address: '1 High Street\nLeeds' }).expect(200);
    let [row] = await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [aff.id]);
    expect(row.status).toBe('approved');

    await a.agent.patch(`/api/branches/${branch.id}`).set('X-CSRF-Token', a.csrf).send({ membershipSize: 2500 }).expect(200);
    [row] = await t.dataSource.query('SELECT status, membership_size, fee_pence FROM affiliations WHERE id = $1', [aff.id]);
    expect(row).toEqual({ status: 'submitted', membership_size: 2500, fee_pence: 10000 });
    const history = await t.dataSource.query(
      `SELECT from_status, to_status, action FROM affiliation_status_changes WHERE affiliation_id = $1 ORDER BY id DESC LIMIT 1`,
      [aff.id],
    );
    expect(history[0]).toEqual({ from_status: 'approved', to_status: 'submitted', action: 'edit_facts' });
  });
});
