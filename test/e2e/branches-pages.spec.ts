import { Branch } from '../../src/branches/branch.entity';
import { signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch } from '../factories/branches.factory';

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
