import type { Page } from 'playwright-core';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch, queuedEmails, submitAffiliation } from '../factories/branches.factory';
import { expectRefusedForm } from '../utils/browser-form-errors';

const SCRIPT = '<script>alert(1)</script>';
const SVG = '"><svg onload=alert(1)>';
const TEMPLATE = '{{7*7}}';

describeInBrowser('branch, affiliation and admin pages in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let sec: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    sec = await signUpSecretary(t, { name: `Sec ${SCRIPT}` });
    admin = await signInAdmin(t, { name: `Admin ${SVG}` });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** User-supplied names appear as text, never as markup or an evaluated template. */
  async function expectLiteral(page: Page, ...texts: string[]): Promise<void> {
    const main = (await page.textContent('main')) ?? '';
    for (const text of texts) expect(main).toContain(text);
    expect(await page.$$('main script, main svg')).toHaveLength(0);
  }

  it('the whole journey: a secretary registers and submits, an admin approves, the secretary sees "approved"', async () => {
    const s = await b.phoneAs(sec);
    await s.page.goto(`${t.baseUrl}/branch`);
    await s.audit();
    await s.page.click('text=Register your branch');
    expect(s.page.url()).toContain('/branch/new');
    await s.audit();

    // A mistake first: the form comes back with one summary listing every problem in the form's order, one
    // message per field ("about 300" is not a whole number, and nothing else), and the typed values.
    await s.page.fill('#name', `Branch ${SCRIPT}`);
    await s.page.fill('#membershipSize', 'about 300');
    await s.page.click('button:has-text("Register the branch")');
    await expectRefusedForm(s.page, [
      ['#union', 'Choose the branch’s union from the list, or “Other union”'],
      ['#region', 'Choose the region or nation'],
      ['#membershipSize', 'Enter the number of members as a whole number, like 350'],
      ['#listPublicly', 'Say whether the branch may appear on the public list'],
    ]);
    expect(await s.page.inputValue('#name')).toBe(`Branch ${SCRIPT}`);
    expect(await s.page.inputValue('#membershipSize')).toBe('about 300');
    await s.audit();

    await s.page.selectOption('#union', 'unison');
    await s.page.selectOption('#region', 'wales');
    await s.page.fill('#membershipSize', '1,200');
    await s.page.fill('#publicName', `Public ${SVG} ${TEMPLATE}`);
    await s.page.check('#listPublicly');
    await s.page.fill('#address', `1 ${SCRIPT} Street\nCardiff`);
    await s.page.click('button:has-text("Register the branch")');
    await s.page.waitForURL(/\/branch\/[0-9a-f-]{36}\?done=registered/);
    const branchId = /\/branch\/([0-9a-f-]{36})/.exec(s.page.url())![1];
    await expectLiteral(s.page, `Branch ${SCRIPT}`, `Public ${SVG} ${TEMPLATE}`, `1 ${SCRIPT} Street`);
    expect(await s.page.textContent('main')).toContain('Not yet submitted');
    await s.audit();

    for (const path of ['edit', 'handover']) {
      await s.page.goto(`${t.baseUrl}/branch/${branchId}/${path}`);
      await s.audit();
    }
    // Registering the same branch again offers a takeover request instead.
    await s.page.goto(`${t.baseUrl}/branch/new`);
    await s.page.selectOption('#union', 'unison');
    await s.page.selectOption('#region', 'wales');
    await s.page.fill('#name', `Branch ${SCRIPT}`);
    await s.page.fill('#membershipSize', '10');
    await s.page.check('#listPublicly-no');
    await s.page.click('button:has-text("Register the branch")');
    expect(await s.page.textContent('main')).toContain('This branch is already registered');
    await s.audit();

    await s.page.goto(`${t.baseUrl}/branch/${branchId}/affiliate`);
    await expectLiteral(s.page, '501 to 2,000 members', '£50');
    await s.audit();
    // Refused, the page keeps its whole context: the branch in the heading, its fee band and the fee table.
    await s.page.fill('#motionPassedOn', '31/2/2026');
    await s.page.click('button:has-text("Submit the affiliation")');
    await expectRefusedForm(s.page, [
      ['#motionPassedOn', 'The date the motion was passed must be a real date, like 14/3/2026'],
      ['#endorsesStatement', 'Confirm that the branch endorses the campaign’s statement'],
    ]);
    expect(await s.page.textContent('h1')).toBe(`Submit the affiliation of Public ${SVG} ${TEMPLATE}`);
    await expectLiteral(s.page, 'With 1200 members the branch is in the band 501 to 2,000 members', 'Yearly fees');
    expect(await s.page.$$('table caption:has-text("Yearly fees")')).toHaveLength(1);
    expect(await s.page.inputValue('#motionPassedOn')).toBe('31/2/2026');
    await s.audit();
    // The date as people in the UK write it.
    const now = new Date();
    await s.page.fill('#motionPassedOn', `${now.getUTCDate()}/${now.getUTCMonth() + 1}/${now.getUTCFullYear()}`);
    await s.page.check('#endorsesStatement');
    await s.page.click('button:has-text("Submit the affiliation")');
    await s.page.waitForURL(/done=submitted/);
    expect(await s.page.textContent('main')).toContain('Waiting for review');
    await s.audit();

    const a = await b.phoneAs(admin);
    await a.page.goto(`${t.baseUrl}/admin`);
    await a.audit();
    await a.page.goto(`${t.baseUrl}/admin/affiliations?status=submitted`);
    await expectLiteral(a.page, `Public ${SVG} ${TEMPLATE}`);
    await a.audit();
    await a.page.click(`a[href="/admin/branches/${branchId}"]`);
    await expectLiteral(a.page, `Branch ${SCRIPT}`, `Public ${SVG} ${TEMPLATE}`, `Sec ${SCRIPT}`);
    await a.audit();

    // Ask for a change, which the secretary then sees.
    await a.page.click('text=Ask for changes');
    await a.audit();
    await a.page.click('button:has-text("Send request")');
    await expectRefusedForm(a.page, [['#message', 'Enter what needs changing']]);
    await a.audit();
    await a.page.fill('#message', `Please check the date ${TEMPLATE}`);
    await a.page.click('button:has-text("Send request")');
    await a.page.waitForURL(new RegExp(`/admin/branches/${branchId}`));

    await s.page.goto(`${t.baseUrl}/branch/${branchId}`);
    await expectLiteral(s.page, 'Changes requested', `Please check the date ${TEMPLATE}`);
    await s.audit();
    await s.page.click('text=submit the affiliation again');
    await s.page.fill('#motionPassedOn', new Date().toISOString().slice(0, 10));
    await s.page.check('#endorsesStatement');
    await s.page.click('button:has-text("Submit the affiliation")');
    await s.page.waitForURL(/done=submitted/);

    await a.page.goto(`${t.baseUrl}/admin/branches/${branchId}`);
    await a.page.fill('#note-body', `Note ${SCRIPT}`);
    await a.page.click('button:has-text("Add the note")');
    await expectLiteral(a.page, `Note ${SCRIPT}`);
    await a.page.click('button:has-text("Approve")');
    await a.page.waitForURL(new RegExp(`/admin/branches/${branchId}`));
    expect(await a.page.textContent('main')).toContain('Approved');
    await a.audit();
    await a.page.goto(`${t.baseUrl}/admin/affiliations`);
    await a.audit();
    await a.page.goto(`${t.baseUrl}/admin/audit?action=affiliation.`);
    expect(await a.page.textContent('main')).toContain('affiliation.approve');
    await a.audit();
    for (const path of ['reject', 'suspend']) {
      await a.page.goto(`${t.baseUrl}/admin/affiliations/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/${path}`);
      await a.audit();
    }

    await s.page.goto(`${t.baseUrl}/branch/${branchId}`);
    expect(await s.page.textContent('main')).toContain('Approved');
    await expectLiteral(s.page, `Public ${SVG} ${TEMPLATE}`);
    await s.audit();

    await s.close();
    await a.close();
  }, 90_000);

  it('a secretary reaching another branch or the admin pages gets a clear, accessible error page', async () => {
    const s = await b.phoneAs(sec);
    const res = await s.page.goto(`${t.baseUrl}/branch/00000000-0000-4000-8000-000000000000`);
    expect(res?.status()).toBe(404);
    await s.audit();
    const admin = await s.page.goto(`${t.baseUrl}/admin`);
    expect(admin?.status()).toBe(403);
    await s.audit();
    await s.close();
  });

  it('hand-over: the invitation page for a visitor and for the invited secretary, who accepts', async () => {
    const branch = await createBranch(sec, { publicName: `Handed ${SVG}` });
    const next = await signUpSecretary(t, { email: 'next.browser@example.org', name: `Next ${TEMPLATE}` });
    await sec.agent.post(`/api/branches/${branch.id}/handover`).set('X-CSRF-Token', sec.csrf).send({ email: 'next.browser@example.org' }).expect(202);
    const [mail] = await queuedEmails(t, 'next.browser@example.org');
    const path = /(\/handover\/[\w-]+)/.exec(mail.text)![1];

    const visitor = await b.phone();
    await visitor.page.goto(`${t.baseUrl}${path}`);
    await expectLiteral(visitor.page, `Handed ${SVG}`, 'Sign in');
    await visitor.audit();
    await visitor.close();

    const n = await b.phoneAs(next);
    await n.page.goto(`${t.baseUrl}${path}`);
    await n.audit();
    await n.page.click('button:has-text("Accept")');
    await n.page.waitForURL(/done=handover/);
    await expectLiteral(n.page, 'You are now the secretary of this branch', `Handed ${SVG}`);
    await n.audit();
    await n.close();
    expect((await sec.agent.get(`/api/branches/${branch.id}`)).status).toBe(404);
  });

  it('hand-over: an unconfirmed invitee confirms their address from the invitation and comes back to accept', async () => {
    const branch = await createBranch(sec, { name: 'Confirm First Branch' });
    const next = await signUpSecretary(t, { email: 'unconfirmed.browser@example.org', verified: false });
    await sec.agent.post(`/api/branches/${branch.id}/handover`).set('X-CSRF-Token', sec.csrf).send({ email: 'unconfirmed.browser@example.org' }).expect(202);
    const [invite] = await queuedEmails(t, 'unconfirmed.browser@example.org');
    const path = /(\/handover\/[\w-]+)/.exec(invite.text)![1];

    const n = await b.phoneAs(next);
    await n.page.goto(`${t.baseUrl}${path}`);
    await expectLiteral(n.page, 'Confirm your email address first');
    expect(await n.page.$('button:has-text("Accept")')).toBeNull();
    await n.audit();
    await n.page.click('button:has-text("Send me a new link")');
    await n.page.waitForURL(/verification=sent/);
    await expectLiteral(n.page, 'We have sent you a new link');

    const mail = (await queuedEmails(t, 'unconfirmed.browser@example.org')).find((m) => /confirm/i.test(m.subject))!;
    const link = /(http\S+\/verify-email\?\S+)/.exec(mail.text)![1]!;
    await n.page.goto(`${t.baseUrl}${new URL(link).pathname}${new URL(link).search}`);
    await n.page.click('button:has-text("Confirm my email address")');
    await expectLiteral(n.page, 'Email address confirmed');
    await n.audit();
    await n.page.click('a:has-text("Continue")');
    await n.page.waitForURL(new RegExp(`${path}$`));
    await n.page.click('button:has-text("Accept")');
    await n.page.waitForURL(/done=handover/);
    await n.close();
    expect((await sec.agent.get(`/api/branches/${branch.id}`)).status).toBe(404);
  });

  it('the admin agrees a "pay what you can" amount in pounds', async () => {
    const branch = await createBranch(sec, { name: 'Skint Branch' });
    const aff = await submitAffiliation(sec, branch.id, { payWhatYouCan: true, payWhatYouCanNote: `We can pay £10 ${SCRIPT}` });
    const a = await b.phoneAs(admin);
    await a.page.goto(`${t.baseUrl}/admin/branches/${branch.id}`);
    await expectLiteral(a.page, `We can pay £10 ${SCRIPT}`);
    await a.audit();
    await a.page.fill(`#amount-${aff.id}`, '12.50');
    await a.page.click('button:has-text("Agree the amount")');
    await a.page.waitForURL(new RegExp(`/admin/branches/${branch.id}`));
    expect(await a.page.textContent('main')).toContain('£12.50');
    await a.close();
  });
});
