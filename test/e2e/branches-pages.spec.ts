import type { Test } from 'supertest';
import { Branch } from '../../src/branches/branch.entity';
import { anonymousAgent, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch, queuedEmails } from '../factories/branches.factory';

describe('branch pages (server-rendered forms)', () => {
  let t: TestApp;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t);
  });
  afterAll(() => t?.close());

  const form = (path: string, fields: Record<string, string>) =>
    sec.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: sec.csrf, ...fields });

  it('re-renders the registration form with an error summary, field messages and the typed values', async () => {
    const res = await form('/branch/new', { name: 'My <b>Branch</b>', membershipSize: 'lots' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('class="error-summary"');
    expect(res.text).toContain('href="#union"');
    expect(res.text).toContain('Enter the number of members as a whole number');
    expect(res.text).toContain('value="My &lt;b&gt;Branch&lt;/b&gt;"');
  });

  it('registers from the form and redirects to the branch page; a blank field clears on edit', async () => {
    const res = await form('/branch/new', {
      union: 'cwu', name: 'Form Branch', code: 'F-1', region: 'scotland', membershipSize: '2,400', listPublicly: 'false', address: 'Somewhere',
    });
    expect(res.status).toBe(303);
    const id = /\/branch\/([0-9a-f-]{36})/.exec(res.headers.location)![1];
    const stored = await t.dataSource.getRepository(Branch).findOneByOrFail({ id });
    expect(stored).toMatchObject({ membershipSize: 2400, listPublicly: false, code: 'F-1', publicName: 'Communication Workers Union (CWU) Form Branch' });
    const page = await sec.agent.get(res.headers.location).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Your branch is registered');

    const edit = await form(`/branch/${id}/edit`, {
      union: 'cwu', name: 'Form Branch', code: '', region: 'scotland', membershipSize: '2400', publicName: 'CWU Form', listPublicly: 'true', address: '',
    });
    expect(edit.status).toBe(303);
    const after = await t.dataSource.getRepository(Branch).findOneByOrFail({ id });
    expect(after).toMatchObject({ code: null, address: null, publicName: 'CWU Form', listPublicly: true });
    expect(after.listConsentAt).not.toBeNull();
  });

  it('offers a takeover request when the branch is registered, and confirms it without saying whether one was recorded', async () => {
    const other = await signUpSecretary(t);
    await createBranch(other, { union: 'ucu', name: 'Page Claim Branch' });
    const dup = await form('/branch/new', { union: 'ucu', name: 'Page Claim Branch', region: 'london', membershipSize: '40', listPublicly: 'false' });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('action="/branch/claim"');
    const sent = await form('/branch/claim', { union: 'ucu', name: 'Page Claim Branch', message: 'I took over in May' });
    const madeUp = await form('/branch/claim', { union: 'ucu', name: 'Nowhere Page Branch' });
    expect(sent.status).toBe(201);
    expect(madeUp.status).toBe(sent.status);
    expect(sent.text).toContain('If that branch is registered');
    expect(sent.text.replace(/name="_csrf" value="[^"]*"/g, '')).toBe(madeUp.text.replace(/name="_csrf" value="[^"]*"/g, ''));
  });

  it('asks an unverified invitee to confirm their address, and brings them back to the invitation afterwards', async () => {
    const branch = await createBranch(sec, { name: 'Page Handover Branch' });
    await sec.agent.post(`/api/branches/${branch.id}/handover`).set('X-CSRF-Token', sec.csrf).send({ email: 'page.invitee@example.org' }).expect(202);
    const token = /\/handover\/([\w-]+)/.exec((await queuedEmails(t, 'page.invitee@example.org'))[0].text)![1]!;
    const invitation = `/handover/${token}`;
    const invitee = await signUpSecretary(t, { email: 'page.invitee@example.org', verified: false });
    const html = (req: Test): Test => req.set('Accept', 'text/html');

    const landing = await html(invitee.agent.get(invitation)).expect(200);
    expect(landing.text).toContain('Confirm your email address first');
    expect(landing.text).not.toContain('Accept and become the secretary');
    expect(landing.text).toContain(`name="next" value="${invitation}"`);
    // Accepting anyway is refused with the same explanation.
    const refused = await invitee.agent.post(invitation).type('form').set('Accept', 'text/html').send({ _csrf: invitee.csrf });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/confirm your email address/i);

    // A new link, from the invitation page, that comes back to it.
    const resent = await invitee.agent.post('/account/resend-verification').type('form').set('Accept', 'text/html').send({ _csrf: invitee.csrf, next: invitation });
    expect(resent.status).toBe(303);
    expect(resent.headers.location).toBe(`${invitation}?verification=sent`);
    const mail = (await queuedEmails(t, 'page.invitee@example.org')).find((m) => /confirm/i.test(m.subject))!;
    const link = new URL(/(http\S+\/verify-email\?\S+)/.exec(mail.text)![1]!);
    expect(link.searchParams.get('next')).toBe(invitation);
    const confirmPage = await html(invitee.agent.get(`${link.pathname}${link.search}`)).expect(200);
    expect(confirmPage.text).toContain(`name="next" value="${invitation}"`);
    const confirmed = await invitee.agent
      .post('/verify-email')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: invitee.csrf, token: link.searchParams.get('token'), next: invitation });
    expect(confirmed.status).toBe(201);
    expect(confirmed.text).toContain(`href="${invitation}"`);

    const back = await html(invitee.agent.get(invitation)).expect(200);
    expect(back.text).toContain('Accept and become the secretary');
    const accepted = await invitee.agent.post(invitation).type('form').set('Accept', 'text/html').send({ _csrf: invitee.csrf });
    expect(accepted.status).toBe(303);
  });

  it('gives an invitee who registers from the invitation a confirmation link back to it', async () => {
    const invitation = '/handover/' + 'b'.repeat(43);
    const visitor = await anonymousAgent(t);
    const page = await visitor.agent.get(`/register?next=${encodeURIComponent(invitation)}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(`name="next" value="${invitation}"`);
    await visitor.agent
      .post('/register')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: visitor.csrf, name: 'New Invitee', email: 'new.invitee@example.org', password: 'a long enough passphrase', next: invitation })
      .expect(201);
    const mail = (await queuedEmails(t, 'new.invitee@example.org')).find((m) => /confirm/i.test(m.subject))!;
    expect(new URL(/(http\S+\/verify-email\?\S+)/.exec(mail.text)![1]!).searchParams.get('next')).toBe(invitation);
  });

  it('never carries a link to another site through the confirmation', async () => {
    for (const next of ['//evil.example', 'https://evil.example/handover/x', '/\\evil.example']) {
      const page = await sec.agent.get(`/verify-email?token=${'a'.repeat(43)}&next=${encodeURIComponent(next)}`).set('Accept', 'text/html').expect(200);
      expect(page.text).not.toContain('evil.example');
    }
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await sec.agent.post('/branch/new').type('form').set('Accept', 'text/html').send({ union: 'gmb', name: 'No Token', region: 'london', membershipSize: '5', listPublicly: 'false' });
    expect(res.status).toBe(403);
    expect(await t.dataSource.getRepository(Branch).countBy({ name: 'No Token' })).toBe(0);
  });

  it("shows another secretary's branch as not found", async () => {
    const other = await signUpSecretary(t);
    const theirs = await createBranch(other);
    for (const path of [`/branch/${theirs.id}`, `/branch/${theirs.id}/edit`, `/branch/${theirs.id}/affiliate`, `/branch/${theirs.id}/handover`, '/branch/nonsense']) {
      const res = await sec.agent.get(path).set('Accept', 'text/html');
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    const post = await form(`/branch/${theirs.id}/edit`, { name: 'Stolen' });
    expect(post.status).toBe(404);
  });

  it('sends a secretary with one branch from /branch straight to it', async () => {
    const solo = await signUpSecretary(t);
    const none = await solo.agent.get('/branch').set('Accept', 'text/html').expect(200);
    expect(none.text).toContain('You have not registered a branch yet');
    const branch = await createBranch(solo);
    const one = await solo.agent.get('/branch').set('Accept', 'text/html');
    expect(one.status).toBe(303);
    expect(one.headers.location).toBe(`/branch/${branch.id}`);
  });
});
