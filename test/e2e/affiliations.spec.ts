import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { count, createBranch, queuedEmails, submitAffiliation, today } from '../factories/branches.factory';

describe('affiliations and their lifecycle (API)', () => {
  let t: TestApp;
  let sec: SignedIn;
  let admin: SignedIn;
  let admin2: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t, { email: 'sec.affiliations@example.org', name: 'Sam Secretary' });
    admin = await signInAdmin(t);
    admin2 = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  const statusOf = async (id: string): Promise<string> => (await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [id]))[0].status;

  it('submits: status submitted, the fee band and amount recorded, history, audit and email in place', async () => {
    const branch = await createBranch(sec, { membershipSize: 1200 });
    const res = await sec.agent
      .post(`/api/branches/${branch.id}/affiliations`)
      .set('X-CSRF-Token', sec.csrf)
      .send({ motionPassedOn: today(), endorsesStatement: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), status: 'submitted', feePence: 5000, feeBandLabel: '501 to 2,000 members', membershipSize: 1200 });
    const history = await t.dataSource.query(
      'SELECT from_status, to_status, action FROM affiliation_status_changes WHERE affiliation_id = $1 ORDER BY id',
      [res.body.id],
    );
    expect(history).toEqual([
      { from_status: null, to_status: 'draft', action: 'create' },
      { from_status: 'draft', to_status: 'submitted', action: 'submit' },
    ]);
    expect(await count(t, `audit_events WHERE action = 'affiliation.submit' AND subject_id = $1`, [res.body.id])).toBe(1);
    expect((await queuedEmails(t, sec.user.email)).some((m) => /received/.test(m.subject))).toBe(true);
  });

  it('charges the top band to regional and national bodies whatever their size', async () => {
    const branch = await createBranch(sec, { membershipSize: 40, regionalBody: true });
    const aff = await submitAffiliation(sec, branch.id);
    expect(aff.feePence).toBe(25000);
  });

  it('records a "pay what you can" request for an admin to agree', async () => {
    const branch = await createBranch(sec);
    const missing = await sec.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: today(), endorsesStatement: true, payWhatYouCan: true });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.payWhatYouCanNote).toBeDefined();
    const aff = await submitAffiliation(sec, branch.id, { payWhatYouCan: true, payWhatYouCanNote: 'We can manage £10 this year' });
    expect(aff.payWhatYouCan).toBe(true);
    const agreed = await admin.agent.post(`/api/admin/affiliations/${aff.id}/pay-what-you-can`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 1000 });
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ feePence: 1000, payWhatYouCanAgreedAt: expect.any(String) });
  });

  it('refuses a second affiliation for the same year with 409', async () => {
    const branch = await createBranch(sec);
    await submitAffiliation(sec, branch.id);
    const again = await sec.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: today(), endorsesStatement: true });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already sent its affiliation/);
    expect(await count(t, 'affiliations WHERE branch_id = $1', [branch.id])).toBe(1);
  });

  it('explains bad answers: a future or impossible date, no endorsement', async () => {
    const branch = await createBranch(sec);
    const url = `/api/branches/${branch.id}/affiliations`;
    const future = await sec.agent.post(url).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: '2999-01-01', endorsesStatement: true });
    expect(future.status).toBe(400);
    expect(future.body.errors.motionPassedOn[0]).toMatch(/future/);
    const impossible = await sec.agent.post(url).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: '2026-02-30', endorsesStatement: true });
    expect(impossible.body.errors.motionPassedOn[0]).toMatch(/real date/);
    const noEndorse = await sec.agent.post(url).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: today(), endorsesStatement: false });
    expect(noEndorse.status).toBe(400);
    expect(noEndorse.body.errors.endorsesStatement[0]).toMatch(/endorses/);
    const sneaky = await sec.agent.post(url).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: today(), endorsesStatement: true, status: 'approved', feePence: 0 });
    expect(sneaky.status).toBe(400);
    expect(Object.keys(sneaky.body.errors).sort()).toEqual(['feePence', 'status']);
    expect(await count(t, 'affiliations WHERE branch_id = $1', [branch.id])).toBe(0);
  });

  it('does not let an unverified secretary submit, and says to verify the email first', async () => {
    const unverified = await signUpSecretary(t, { verified: false });
    const branch = await createBranch(unverified);
    const res = await unverified.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', unverified.csrf).send({ motionPassedOn: today(), endorsesStatement: true });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/confirm your email address/i);
    expect(await count(t, 'affiliations WHERE branch_id = $1', [branch.id])).toBe(0);
  });

  it('lets exactly one of 20 simultaneous approvals win: one transition, one audit event, one email; the rest 409', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const emailsBefore = (await queuedEmails(t, sec.user.email)).length;
    const admins = [admin, admin2];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => admins[i % 2].agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admins[i % 2].csrf).send({})),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.message).toMatch(/already approved by another admin/);
    }
    expect(await statusOf(aff.id)).toBe('approved');
    expect(await count(t, `affiliation_status_changes WHERE affiliation_id = $1 AND action = 'approve'`, [aff.id])).toBe(1);
    expect(await count(t, `audit_events WHERE action = 'affiliation.approve' AND subject_id = $1`, [aff.id])).toBe(1);
    const emails = await queuedEmails(t, sec.user.email);
    expect(emails.length - emailsBefore).toBe(1);
    expect(emails[0].subject).toMatch(/is affiliated/);
  });

  it('rejects only with a reason, which is sent to the secretary', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const none = await admin.agent.post(`/api/admin/affiliations/${aff.id}/reject`).set('X-CSRF-Token', admin.csrf).send({});
    expect(none.status).toBe(400);
    expect(none.body.errors.reason).toBeDefined();
    const ok = await admin.agent.post(`/api/admin/affiliations/${aff.id}/reject`).set('X-CSRF-Token', admin.csrf).send({ reason: 'This is not a union branch' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('rejected');
    expect((await queuedEmails(t, sec.user.email))[0].text).toContain('This is not a union branch');
    const late = await admin2.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin2.csrf).send({});
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/already rejected/);
  });

  it('goes submitted → changes requested → submitted → approved → suspended → approved → withdrawn', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const adminPost = (path: string, body: object = {}) => admin.agent.post(`/api/admin/affiliations/${aff.id}/${path}`).set('X-CSRF-Token', admin.csrf).send(body);

    expect((await adminPost('request-changes', {})).status).toBe(400);
    const changes = await adminPost('request-changes', { message: 'Please give the date of the meeting' });
    expect(changes.body.status).toBe('changes_requested');
    const dashboard = await sec.agent.get(`/api/branches/${branch.id}/affiliations`).expect(200);
    expect(dashboard.body).toMatchObject({ total: 1, page: 1 });
    expect(dashboard.body.items[0]).toMatchObject({ status: 'changes_requested', adminMessage: 'Please give the date of the meeting' });

    const resubmitted = await submitAffiliation(sec, branch.id, { motionPassedOn: today() });
    expect(resubmitted).toMatchObject({ id: aff.id, status: 'submitted' });
    expect((await adminPost('approve')).body.status).toBe('approved');
    expect((await adminPost('suspend', {})).status).toBe(400);
    expect((await adminPost('suspend', { reason: 'Under review' })).body.status).toBe('suspended');
    expect((await adminPost('reinstate')).body.status).toBe('approved');

    const withdrawn = await sec.agent.post(`/api/branches/${branch.id}/affiliations/${aff.id}/withdraw`).set('X-CSRF-Token', sec.csrf).send({});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const actions = await t.dataSource.query('SELECT action FROM affiliation_status_changes WHERE affiliation_id = $1 ORDER BY id', [aff.id]);
    expect(actions.map((r: { action: string }) => r.action)).toEqual(['create', 'submit', 'request_changes', 'resubmit', 'approve', 'suspend', 'reinstate', 'withdraw']);
  });

  it('takes only the decisions of the transition table, each with the body it has always taken', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const post = (decision: string, body: object = {}) => admin.agent.post(`/api/admin/affiliations/${aff.id}/${decision}`).set('X-CSRF-Token', admin.csrf).send(body);
    // mark_paid is an admin's move only through a recorded payment; the rest are not an admin's at all.
    for (const decision of ['mark-paid', 'mark_paid', 'request_changes', 'withdraw', 'resubmit', 'lapse', 'approved', 'counts']) {
      expect((await post(decision, { reason: 'Testing' })).status).toBe(404);
    }
    const worded = await post('approve', { reason: 'Because' });
    expect(worded.status).toBe(400);
    expect(Object.keys(worded.body.errors)).toEqual(['reason']);
    const otherField = await post('reject', { message: 'Not a branch' });
    expect(otherField.status).toBe(400);
    expect(Object.keys(otherField.body.errors).sort()).toEqual(['message', 'reason']);
    expect((await admin.agent.post('/api/admin/affiliations/not-an-id/approve').set('X-CSRF-Token', admin.csrf).send({})).status).toBe(404);
    expect(await statusOf(aff.id)).toBe('submitted');
    // The path the decisions share still leads to "pay what you can".
    const agree = await post('pay-what-you-can', { amountPence: 100 });
    expect(agree.status).toBe(409);
    expect(agree.body.message).toMatch(/did not ask to pay what it can/);
  });

  it('documents the decisions as one operation: the decision an enum, the body any of three', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const op = doc.paths['/api/admin/affiliations/{id}/{decision}'].post;
    const schema = (ref: string) => doc.components.schemas[ref.split('/').pop()!];
    const decision = op.parameters.find((p: { name: string }) => p.name === 'decision');
    expect(decision).toMatchObject({ in: 'path', required: true });
    expect(schema(decision.schema.$ref).enum).toEqual(['approve', 'reject', 'request-changes', 'suspend', 'reinstate']);
    const bodies = op.requestBody.content['application/json'].schema.anyOf.map((s: { $ref: string }) => s.$ref.split('/').pop());
    expect(bodies).toEqual(['EmptyActionDto', 'ReasonDto', 'RequestChangesDto']);
    expect(doc.components.schemas.ReasonDto.required).toEqual(['reason']);
    expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/AffiliationResponseDto$/);
    expect(schema(doc.components.schemas.AffiliationResponseDto.properties.status.allOf[0].$ref).enum).toContain('changes_requested');
    expect(doc.paths['/api/admin/affiliations/{id}/pay-what-you-can'].post).toBeDefined();
    expect(doc.paths['/api/admin/affiliations/{id}/approve']).toBeUndefined();
  });

  it('keeps secretaries out of admin decisions (403) and another branch’s affiliation (404)', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const res = await sec.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', sec.csrf).send({});
    expect(res.status).toBe(403);
    const other = await signUpSecretary(t);
    const otherBranch = await createBranch(other);
    const withdraw = await other.agent.post(`/api/branches/${otherBranch.id}/affiliations/${aff.id}/withdraw`).set('X-CSRF-Token', other.csrf).send({});
    expect(withdraw.status).toBe(404);
    expect(await statusOf(aff.id)).toBe('submitted');
  });
});
