import { affiliationYearOf } from '../../src/affiliations/affiliation-year';
import { BranchNotFoundError } from '../../src/branches/branches.errors';
import { RequestValidationException } from '../../src/common/http/validation';
import { count } from '../factories/branches.factory';
import { makeApprovedAffiliation, makeBranch, makeInvoice, makeSecretary, makeSubmittedAffiliation } from '../factories/database.factory';
import { anonymousAgent, signUpSecretary, TEST_PASSWORD } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/** The direct factories make the records the app would, through its services: the API sees nothing different. */
describe('database factories', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('makes a secretary who signs in with TEST_PASSWORD, verified unless asked otherwise', async () => {
    const verified = await makeSecretary(t, { email: 'made.secretary@example.org' });
    const unverified = await makeSecretary(t, { verified: false });
    expect([verified.role, verified.emailVerifiedAt, unverified.emailVerifiedAt]).toEqual(['secretary', expect.any(Date), null]);
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: 'made.secretary@example.org', password: TEST_PASSWORD }).expect(200);
  });

  it('registers a branch as its secretary would, audit and secretary history included', async () => {
    const sec = await signUpSecretary(t);
    const branch = await makeBranch(t, { secretary: sec.user, name: 'Made Branch', union: 'unite', membershipSize: 1200 });
    const seen = (await sec.agent.get(`/api/branches/${branch.id}`).expect(200)).body;
    expect(seen).toMatchObject({ name: 'Made Branch', union: 'unite', membershipSize: 1200, publicName: 'Unite the Union Made Branch', listPublicly: true });
    expect(await count(t, `audit_events WHERE action = 'branch.register' AND subject_id = $1 AND actor_id = $2`, [branch.id, sec.user.id])).toBe(1);
    expect(await count(t, `branch_secretary_changes WHERE branch_id = $1 AND reason = 'registered'`, [branch.id])).toBe(1);
  });

  it('refuses fields the registration form would refuse', async () => {
    await expect(makeBranch(t, { membershipSize: 0 })).rejects.toBeInstanceOf(RequestValidationException);
  });

  it('submits this year’s affiliation with the band’s fee, through the workflow', async () => {
    const affiliation = await makeSubmittedAffiliation(t, { branch: { membershipSize: 2500 } });
    expect(affiliation).toMatchObject({ status: 'submitted', affiliationYear: affiliationYearOf(new Date()), feePence: 10000, endorsesStatement: true });
    const history: { action: string }[] = await t.dataSource.query('SELECT action FROM affiliation_status_changes WHERE affiliation_id = $1', [affiliation.id]);
    expect(history.map((h) => h.action).sort()).toEqual(['create', 'submit']);
  });

  it('approves it as an admin would, raising its invoice, which the secretary sees', async () => {
    const sec = await signUpSecretary(t);
    const { affiliation, invoice } = await makeApprovedAffiliation(t, { secretary: sec.user, payWhatYouCan: false });
    expect(affiliation.status).toBe('approved');
    expect(invoice).toMatchObject({ affiliationId: affiliation.id, branchId: affiliation.branchId, amountPence: 2500 });
    expect(await count(t, `audit_events WHERE action = 'invoice.raised' AND subject_id = $1`, [invoice.id])).toBe(1);
    const seen = (await sec.agent.get(`/api/branches/${affiliation.branchId}/invoices`).expect(200)).body.invoices;
    expect(seen).toEqual([expect.objectContaining({ id: invoice.id, reference: invoice.reference, status: 'open', outstandingPence: 2500 })]);
  });

  it('submits for a branch that exists as its own secretary; another is refused as the API would', async () => {
    const branch = await makeBranch(t);
    await expect(makeSubmittedAffiliation(t, { branch, secretary: await makeSecretary(t) })).rejects.toBeInstanceOf(BranchNotFoundError);
    const invoice = await makeInvoice(t, { branch });
    expect(invoice.branchId).toBe(branch.id);
  });
});
