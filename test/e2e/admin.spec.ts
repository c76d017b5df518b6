import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch, submitAffiliation } from '../factories/branches.factory';

describe('admin queue, branch page, notes and audit log (API)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t, { email: 'queue.admin@example.org' });
    sec = await signUpSecretary(t);
    const specs = [
      { union: 'unison', region: 'london', name: 'Alpha' },
      { union: 'unite', region: 'wales', name: 'Bravo' },
      { union: 'unison', region: 'wales', name: 'Charlie' },
    ];
    for (const s of specs) {
      const branch = await createBranch(sec, s);
      await submitAffiliation(sec, branch.id);
    }
  });
  afterAll(() => t?.close());

  const queue = (qs: string) => admin.agent.get(`/api/admin/affiliations${qs}`);

  it('lists submitted affiliations with filters, sorting and pagination', async () => {
    const all = await queue('?status=submitted').expect(200);
    expect(all.body.total).toBe(3);
    const wales = await queue('?status=submitted&region=wales&sort=publicName').expect(200);
    expect(wales.body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['UNISON Charlie', 'Unite the Union Bravo']);
    const unison = await queue('?union=unison&sort=-publicName').expect(200);
    expect(unison.body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['UNISON Charlie', 'UNISON Alpha']);
    const paged = await queue('?sort=submittedAt&pageSize=2&page=2').expect(200);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  it.each([
    ['an unknown column', '?sort=secretary_id'],
    ['SQL in the sort', `?sort=${encodeURIComponent('submitted_at; DROP TABLE branches; --')}`],
    ['SQL in the sort (subquery)', `?sort=${encodeURIComponent('(SELECT 1)')}`],
  ])('refuses sorting by %s with 400 and a field message', async (_label, qs) => {
    const res = await queue(qs);
    expect(res.status).toBe(400);
    expect(res.body.errors.sort[0]).toMatch(/sort must be one of submittedAt, -submittedAt/);
  });

  it('bounds pagination and filter values', async () => {
    expect((await queue('?pageSize=1000')).status).toBe(400);
    expect((await queue('?page=0')).status).toBe(400);
    expect((await queue('?status=everything')).body.errors.status).toBeDefined();
    expect((await queue('?region=mars')).status).toBe(400);
    expect((await queue('?hack=1')).status).toBe(400);
  });

  it('gives the dashboard counts', async () => {
    const res = await admin.agent.get('/api/admin/affiliations/counts').expect(200);
    expect(res.body.submitted).toBeGreaterThanOrEqual(3);
  });

  it('is for admins only: a secretary gets 403, a visitor 401', async () => {
    expect((await sec.agent.get('/api/admin/affiliations')).status).toBe(403);
    expect((await t.http().get('/api/admin/affiliations')).status).toBe(401);
    expect((await sec.agent.get('/admin')).status).toBe(403);
  });

  it('keeps the admin routes each feature holds for admins: a secretary gets 403 from every one', async () => {
    const branch = await createBranch(sec, { name: 'Guarded' });
    const aff = await submitAffiliation(sec, branch.id);
    const gets = ['/api/admin/audit-events', '/admin/audit', '/api/admin/claims', `/api/admin/branches/${branch.id}`, `/admin/branches/${branch.id}`,
      `/admin/affiliations/${aff.id}/reject`];
    for (const path of gets) expect([path, (await sec.agent.get(path)).status]).toEqual([path, 403]);
    const posts: [string, object][] = [
      [`/api/admin/branches/${branch.id}/notes`, { body: 'Mine now' }],
      [`/api/admin/branches/${branch.id}/reassign`, { email: sec.user.email }],
      [`/admin/affiliations/${aff.id}/approve`, {}],
      [`/api/admin/affiliations/${aff.id}/reject`, { reason: 'Testing the guard' }],
      [`/api/admin/affiliations/${aff.id}/pay-what-you-can`, { amountPence: 1 }],
    ];
    for (const [path, body] of posts) expect([path, (await sec.agent.post(path).set('X-CSRF-Token', sec.csrf).send(body)).status]).toEqual([path, 403]);
    expect((await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [aff.id]))[0].status).toBe('submitted');
  });

  it('adds admin notes to a branch and shows them with the history', async () => {
    const branch = await createBranch(sec, { name: 'Noted' });
    await admin.agent.post(`/api/admin/branches/${branch.id}/notes`).set('X-CSRF-Token', admin.csrf).send({ body: 'Phoned the chair' }).expect(201);
    const view = await admin.agent.get(`/api/admin/branches/${branch.id}`).expect(200);
    expect(view.body.notes[0]).toMatchObject({ body: 'Phoned the chair' });
    expect(view.body.secretary.email).toBe(sec.user.email);
    // Notes are not part of what the secretary sees.
    const mine = await sec.agent.get(`/api/branches/${branch.id}`).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain('Phoned the chair');
  });

  it('decides from the pages: a form for a decision that needs words, shown again when refused; a button for the others', async () => {
    const branch = await createBranch(sec, { name: 'Paged' });
    const aff = await submitAffiliation(sec, branch.id);
    const page = (path: string) => admin.agent.get(path).set('Accept', 'text/html');
    const form = (path: string, fields: Record<string, string> = {}) =>
      admin.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: admin.csrf, ...fields });

    const reject = await page(`/admin/affiliations/${aff.id}/reject`).expect(200);
    expect(reject.text).toContain('Reject the affiliation');
    expect(reject.text).toContain('name="reason"');
    const changes = await page(`/admin/affiliations/${aff.id}/request-changes`).expect(200);
    expect(changes.text).toContain('name="message"');
    for (const decision of ['approve', 'reinstate', 'mark-paid', 'pay-what-you-can', 'nonsense']) {
      expect((await page(`/admin/affiliations/${aff.id}/${decision}`)).status).toBe(404);
    }

    const refused = await form(`/admin/affiliations/${aff.id}/request-changes`, { message: 'no' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Ask for changes');
    expect(refused.text).toContain('What needs changing must be at least 3 characters');
    expect(refused.text).toMatch(/<textarea id="message" name="message"[^>]*aria-invalid="true"[^>]*>no<\/textarea>/);
    const sent = await form(`/admin/affiliations/${aff.id}/request-changes`, { message: 'Give the date of the meeting' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/admin/branches/${branch.id}`);

    // A decision without words that cannot be taken now is the error page, not a form.
    const late = await form(`/admin/affiliations/${aff.id}/approve`);
    expect(late.status).toBe(409);
    expect(late.text).not.toContain('<textarea');
    expect((await form(`/admin/affiliations/${aff.id}/mark-paid`)).status).toBe(404);
  });

  it('filters the audit log by action, actor and date', async () => {
    const branch = await createBranch(sec, { name: 'Audited' });
    const aff = await submitAffiliation(sec, branch.id);
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const byAction = await admin.agent.get('/api/admin/audit-events?action=affiliation.approve').expect(200);
    expect(byAction.body.items.length).toBeGreaterThanOrEqual(1);
    expect(byAction.body.items.every((e: { action: string }) => e.action === 'affiliation.approve')).toBe(true);
    const byPrefix = await admin.agent.get('/api/admin/audit-events?action=affiliation.').expect(200);
    expect(byPrefix.body.items.some((e: { action: string }) => e.action === 'affiliation.submit')).toBe(true);
    const byActor = await admin.agent.get('/api/admin/audit-events?actor=queue.admin@example.org&action=affiliation.').expect(200);
    expect(byActor.body.items.every((e: { actorEmail: string }) => e.actorEmail === 'queue.admin@example.org')).toBe(true);
    const past = await admin.agent.get('/api/admin/audit-events?from=2000-01-01&to=2000-12-31').expect(200);
    expect(past.body.items).toEqual([]);
    expect((await admin.agent.get('/api/admin/audit-events?action=x;drop')).status).toBe(400);
    expect((await admin.agent.get('/api/admin/audit-events?from=2026-02-31')).status).toBe(400);
  });
});
