import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { count, createBranch, queuedEmails, submitAffiliation, today } from '../factories/branches.factory';

/** The secretary's branch page: text that follows the state, the next action, and a withdrawal that asks first. */
describe('the branch page and withdrawing an affiliation (pages)', () => {
  let t: TestApp;
  let sec: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: { CAMPAIGN_EMAIL: 'branches@campaign.example.org' } });
    sec = await signUpSecretary(t, { email: 'sec.branch-page@example.org' });
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  const page = async (who: SignedIn, path: string): Promise<string> => (await who.agent.get(path).set('Accept', 'text/html').expect(200)).text;
  const form = (who: SignedIn, path: string, fields: Record<string, string> = {}) =>
    who.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: who.csrf, ...fields });
  const approve = (id: string) => admin.agent.post(`/api/admin/affiliations/${id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
  const statusOf = async (id: string): Promise<string> => (await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [id]))[0].status;
  const invoiceOf = async (affiliationId: string): Promise<{ id: string; reference: string; due_on: string }> =>
    (await t.dataSource.query(`SELECT id, reference, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM invoices WHERE affiliation_id = $1`, [affiliationId]))[0];
  /** The main button's label and where it leads. */
  const nextAction = (html: string): { label: string; href: string } | null => {
    const m = /<p class="next-action"><a class="button" href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(html);
    return m ? { href: m[1]!.replace(/&#x3D;/g, '='), label: m[2]!.replace(/&amp;/g, '&') } : null;
  };
  /** The words a reader sees: tags gone, spaces collapsed. */
  const words = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
  const longDate = (iso: string): string =>
    new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

  it('says what happens next in every state, with the next action as a button, and never "coming soon"', async () => {
    const branch = await createBranch(sec, { membershipSize: 120 });
    const path = `/branch/${branch.id}`;

    let html = await page(sec, path);
    expect(nextAction(html)).toEqual({ label: 'Submit the affiliation', href: `${path}/affiliate` });
    expect(html).toContain('£25, Up to 500 members');

    const aff = await submitAffiliation(sec, branch.id);
    html = await page(sec, path);
    expect(html).toContain('Waiting for review');
    expect(nextAction(html)).toEqual({ label: 'Download the affiliation letter (Word)', href: `/api/branches/${branch.id}/documents/affiliation-letter.docx` });

    await approve(aff.id);
    const invoice = await invoiceOf(aff.id);
    html = await page(sec, path);
    expect(nextAction(html)).toEqual({ label: 'Pay £25 by bank transfer — see the invoice', href: `${path}/invoices` });
    expect(words(html)).toContain(`pay the fee of £25 by bank transfer by ${longDate(invoice.due_on)}, quoting the reference ${invoice.reference}.`);
    expect(html).not.toMatch(/coming soon/i);

    await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: invoice.reference, amountPence: 2500, receivedOn: today(), method: 'bank_transfer', bankReference: 'BACS 1' })
      .expect(201);
    html = await page(sec, path);
    expect(html).toContain(`The fee for ${new Date().getFullYear()} is paid`);
    expect(nextAction(html)).toEqual({ label: 'Download the receipt (Word)', href: `/api/branches/${branch.id}/invoices/${invoice.id}/receipt.docx` });
    expect(html).not.toContain('Pay £25');
    expect(html).not.toMatch(/coming soon/i);
  });

  it('offers to write to the campaign at CAMPAIGN_EMAIL, the address its letter and invoice give, when an affiliation is refused', async () => {
    const branch = await createBranch(sec, { membershipSize: 80 });
    const aff = await submitAffiliation(sec, branch.id);
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/reject`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Not a union branch' }).expect(200);
    expect(nextAction(await page(sec, `/branch/${branch.id}`))).toEqual({ label: 'Write to the campaign', href: 'mailto:branches@campaign.example.org' });
  });

  it('offers to register another branch from the branch page', async () => {
    const branch = await createBranch(sec);
    const html = await page(sec, `/branch/${branch.id}`);
    expect(html).toMatch(/<a class="button button-secondary" href="\/branch\/new">Register another branch<\/a>/);
  });

  it('asks before withdrawing: the page links to a confirmation that names the branch and what happens, and only its POST withdraws', async () => {
    const branch = await createBranch(sec, { publicName: 'Withdrawing Branch', listPublicly: true });
    const aff = await submitAffiliation(sec, branch.id);
    await approve(aff.id);
    const { reference } = await invoiceOf(aff.id);
    const confirmPath = `/branch/${branch.id}/affiliations/${aff.id}/withdraw`;

    const show = await page(sec, `/branch/${branch.id}`);
    expect(show).toContain(`href="${confirmPath}"`);
    expect(show).not.toContain(`action="${confirmPath}"`);

    const confirm = await page(sec, confirmPath);
    expect(confirm).toContain('Withdraw the affiliation of Withdrawing Branch');
    expect(confirm).toContain('Withdrawing Branch leaves the public list of affiliated branches');
    expect(words(confirm)).toContain(`The fee still owed stays owed: £25 on invoice ${reference}.`);
    expect(confirm).toMatch(new RegExp(`<form method="post" action="${confirmPath}"[^>]*>`));
    expect(confirm).toMatch(/<button type="submit" class="button button-danger">Withdraw the affiliation<\/button>/);
    expect(confirm).toContain(`<a class="cancel-link" href="/branch/${branch.id}">No, keep the affiliation</a>`);
    // Looking is not withdrawing.
    expect(await statusOf(aff.id)).toBe('approved');

    const done = await form(sec, confirmPath);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/branch/${branch.id}?done=withdrawn`);
    expect(await statusOf(aff.id)).toBe('withdrawn');
    expect((await queuedEmails(t, sec.user.email)).some((m) => /has withdrawn its affiliation/.test(m.subject))).toBe(true);

    const after = await page(sec, done.headers.location);
    expect(after).toContain('The affiliation has been withdrawn.');
    expect(words(after)).toContain(`The fee of £25 on invoice ${reference} is still owed.`);
    expect(nextAction(after)).toEqual({ label: 'Affiliate the branch again', href: `/branch/${branch.id}/affiliate` });
    expect(after).not.toContain(confirmPath);

    // Once withdrawn there is nothing to confirm.
    const again = await sec.agent.get(confirmPath).set('Accept', 'text/html');
    expect(again.status).toBe(409);
    expect(again.text).toContain('already withdrawn');
  });

  it('does not promise to take a branch off a list it is not on', async () => {
    const branch = await createBranch(sec, { publicName: 'Unlisted Branch', listPublicly: false });
    const aff = await submitAffiliation(sec, branch.id);
    await approve(aff.id);
    const confirm = words(await page(sec, `/branch/${branch.id}/affiliations/${aff.id}/withdraw`));
    expect(confirm).toContain('Unlisted Branch is no longer affiliated to the campaign. It is not on the public list now');
    expect(confirm).not.toContain('leaves the public list');
  });

  it('shows the confirmation only for the secretary’s own affiliation that can be withdrawn (404, 409 otherwise)', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const confirmPath = `/branch/${branch.id}/affiliations/${aff.id}/withdraw`;
    // Waiting for review: not withdrawable.
    expect((await sec.agent.get(confirmPath).set('Accept', 'text/html')).status).toBe(409);
    expect((await form(sec, confirmPath)).status).toBe(409);
    await approve(aff.id);

    const other = await signUpSecretary(t);
    const otherBranch = await createBranch(other);
    expect((await other.agent.get(confirmPath).set('Accept', 'text/html')).status).toBe(404);
    expect((await other.agent.get(`/branch/${otherBranch.id}/affiliations/${aff.id}/withdraw`).set('Accept', 'text/html')).status).toBe(404);
    expect((await form(other, `/branch/${otherBranch.id}/affiliations/${aff.id}/withdraw`)).status).toBe(404);
    expect((await sec.agent.get(`/branch/${branch.id}/affiliations/not-an-id/withdraw`).set('Accept', 'text/html')).status).toBe(404);
    // Without the form's token nothing happens.
    expect((await sec.agent.post(confirmPath).type('form').send({})).status).toBe(403);
    expect(await statusOf(aff.id)).toBe('approved');
  });

  it('lets a withdrawn branch affiliate again: the same affiliation goes back for review with the new answers, and its invoice stays the one owed', async () => {
    const branch = await createBranch(sec, { membershipSize: 300 });
    const aff = await submitAffiliation(sec, branch.id, { motionPassedOn: today() });
    await approve(aff.id);
    const invoice = await invoiceOf(aff.id);
    await sec.agent.post(`/api/branches/${branch.id}/affiliations/${aff.id}/withdraw`).set('X-CSRF-Token', sec.csrf).send({}).expect(200);
    // The band's fee changes meanwhile: the affiliation keeps the fee its invoice was raised with.
    const [band] = (await admin.agent.get('/api/admin/fee-bands').expect(200)).body.items;
    await admin.agent.patch(`/api/admin/fee-bands/${band.id}`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 3000 }).expect(200);

    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await form(sec, `/branch/${branch.id}/affiliate`, { motionPassedOn: yesterday, endorsesStatement: 'true' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/branch/${branch.id}?done=submitted`);
    const [row] = await t.dataSource.query(
      `SELECT id, status, to_char(motion_passed_on, 'YYYY-MM-DD') AS motion, fee_pence FROM affiliations WHERE branch_id = $1`,
      [branch.id],
    );
    expect(row).toEqual({ id: aff.id, status: 'submitted', motion: yesterday, fee_pence: 2500 });
    const actions = await t.dataSource.query('SELECT action FROM affiliation_status_changes WHERE affiliation_id = $1 ORDER BY id', [aff.id]);
    expect(actions.map((r: { action: string }) => r.action)).toEqual(['create', 'submit', 'approve', 'withdraw', 'resubmit']);

    await approve(aff.id);
    expect(await count(t, 'invoices WHERE branch_id = $1', [branch.id])).toBe(1);
    expect(await invoiceOf(aff.id)).toEqual(invoice);
    await admin.agent.patch(`/api/admin/fee-bands/${band.id}`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 2500 }).expect(200);
  });
});
