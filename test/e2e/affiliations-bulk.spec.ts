import { randomUUID } from 'node:crypto';
import type { User } from '../../src/users/user.entity';
import { makeBranch, makeSecretary, makeSubmittedAffiliation } from '../factories/database.factory';
import { count } from '../factories/branches.factory';
import { anonymousAgent, signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/** Approving several affiliations at once, through the API and the queue page. */
describe('bulk approval (API and queue page)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let other: SignedIn;
  let secretary: User;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
    other = await signInAdmin(t, { name: 'Other Admin' });
    secretary = await makeSecretary(t);
  });
  afterAll(() => t?.close());

  /** `n` affiliations waiting for review, each of its own branch (one secretary for all), oldest first. */
  async function waiting(n: number, label = 'Bulk'): Promise<{ id: string; branchId: string; publicName: string }[]> {
    const made = [];
    for (let i = 0; i < n; i++) {
      const branch = await makeBranch(t, { secretary, name: `${label} ${++counter}`, publicName: `${label} Branch ${counter}` });
      const a = await makeSubmittedAffiliation(t, { branch, secretary });
      made.push({ id: a.id, branchId: branch.id, publicName: branch.publicName });
    }
    return made;
  }

  const bulk = (who: Pick<SignedIn, 'agent' | 'csrf'>, body: unknown) => who.agent.post('/api/admin/affiliations/bulk').set('X-CSRF-Token', who.csrf).send(body as object);
  const status = async (id: string): Promise<string> => (await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [id]))[0].status;

  it('approves each in the order given and says what became of each: approved, already decided, not found', async () => {
    const [a, b, c] = await waiting(3);
    await bulk(other, { action: 'approve', ids: [b.id] }).expect(200);
    const missing = randomUUID();
    const res = await bulk(admin, { action: 'approve', ids: [a.id, b.id, missing, c.id] }).expect(200);
    expect(res.body).toEqual({
      results: [
        { id: a.id, outcome: 'approved' },
        { id: b.id, outcome: 'conflict' },
        { id: missing, outcome: 'not_found' },
        { id: c.id, outcome: 'approved' },
      ],
    });
    expect(await Promise.all([a, b, c].map((x) => status(x.id)))).toEqual(['approved', 'approved', 'approved']);
    // Each approval is its own: a history row, an audit event (by the admin who took it) and an invoice.
    for (const [x, by] of [[a, admin], [b, other], [c, admin]] as const) {
      expect(await count(t, "affiliation_status_changes WHERE affiliation_id = $1 AND action = 'approve' AND actor_id = $2", [x.id, by.user.id])).toBe(1);
      expect(await count(t, "audit_events WHERE action = 'affiliation.approve' AND subject_id = $1 AND actor_id = $2", [x.id, by.user.id])).toBe(1);
      expect(await count(t, 'invoices WHERE affiliation_id = $1', [x.id])).toBe(1);
    }
    // Sending the same request again changes nothing: every one is a conflict now.
    const again = await bulk(admin, { action: 'approve', ids: [a.id, c.id] }).expect(200);
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['conflict', 'conflict']);
  });

  it('approves each affiliation exactly once when 20 bulk requests over the same ids arrive at once', async () => {
    const made = await waiting(5, 'Race');
    const ids = made.map((m) => m.id);
    const emailsBefore = await count(t, "pgboss.job WHERE name = 'mail' AND data->>'subject' LIKE 'Race Branch % is affiliated'");
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => bulk(i % 2 ? admin : other, { action: 'approve', ids: i % 3 ? ids : [...ids].reverse() })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const id of ids) {
      const outcomes = responses.map((r) => (r.body.results as { id: string; outcome: string }[]).find((x) => x.id === id)?.outcome);
      expect({ id, approved: outcomes.filter((o) => o === 'approved').length, conflict: outcomes.filter((o) => o === 'conflict').length }).toEqual({
        id,
        approved: 1,
        conflict: 19,
      });
      expect(await status(id)).toBe('approved');
      expect(await count(t, "affiliation_status_changes WHERE affiliation_id = $1 AND action = 'approve'", [id])).toBe(1);
      expect(await count(t, "audit_events WHERE action = 'affiliation.approve' AND subject_id = $1", [id])).toBe(1);
      expect(await count(t, 'invoices WHERE affiliation_id = $1', [id])).toBe(1);
    }
    expect(await count(t, "pgboss.job WHERE name = 'mail' AND data->>'subject' LIKE 'Race Branch % is affiliated'")).toBe(emailsBefore + ids.length);
  });

  it.each<[string, unknown, Record<string, string>]>([
    ['nothing', {}, { action: 'action must be one of approve', ids: 'ids must be a list of 1 to 100 affiliation ids' }],
    ['a decision it does not take in bulk', { action: 'reject', ids: [randomUUID()] }, { action: 'action must be one of approve' }],
    ['no ids', { action: 'approve', ids: [] }, { ids: 'ids must name at least one affiliation' }],
    ['101 ids', { action: 'approve', ids: Array.from({ length: 101 }, () => randomUUID()) }, { ids: 'ids may name at most 100 affiliations at once' }],
    ['an id that is not a UUID', { action: 'approve', ids: [randomUUID(), "1' OR '1'='1"] }, { ids: 'Each of ids must be an affiliation id (a UUID)' }],
    ['the same id twice', { action: 'approve', ids: ['6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5', '6f1c2d3e-4b5a-4c6d-8e7f-8091a2b3c4d5'] }, { ids: 'ids must name each affiliation only once' }],
    ['one id as text', { action: 'approve', ids: randomUUID() }, { ids: 'ids must be a list of 1 to 100 affiliation ids' }],
    ['a field it does not take', { action: 'approve', ids: [randomUUID()], reason: 'x' }, { reason: 'reason is not a field you can set' }],
  ])('refuses %s with 400 and one message per field', async (_label, body, errors) => {
    const res = await bulk(admin, body).expect(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.any(String), errors: Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, [m]])) });
  });

  it('is for admins only, with the CSRF token', async () => {
    const [a] = await waiting(1, 'Guarded');
    const sec = await signUpSecretary(t);
    expect((await bulk(sec, { action: 'approve', ids: [a.id] })).status).toBe(403);
    const visitor = await anonymousAgent(t);
    expect((await bulk(visitor, { action: 'approve', ids: [a.id] })).status).toBe(401);
    expect((await admin.agent.post('/api/admin/affiliations/bulk').send({ action: 'approve', ids: [a.id] })).status).toBe(403);
    expect((await sec.agent.post('/admin/affiliations/bulk').type('form').send({ _csrf: sec.csrf, ids: a.id })).status).toBe(403);
    expect(await status(a.id)).toBe('submitted');
  });

  describe('the queue page', () => {
    const page = (path: string) => admin.agent.get(path).set('Accept', 'text/html');
    const form = (path: string, fields: Record<string, string | string[]>) =>
      admin.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: admin.csrf, ...fields });

    it('approves the ticked affiliations, comes back to the same filters and says once what was done', async () => {
      const [a, b, c] = await waiting(3, 'Ticked');
      await bulk(other, { action: 'approve', ids: [c.id] }).expect(200);
      const res = await form('/admin/affiliations/bulk?q=ticked&status=submitted&page=2', { ids: [a.id, b.id, c.id] });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/admin/affiliations?q=ticked&status=submitted');
      const shown = await page(res.headers.location).expect(200);
      expect(shown.text).toContain('Approved 2 of 3: 1 had already been decided by someone else.');
      expect(shown.text).toContain(`${a.publicName} (`);
      expect(shown.text).toMatch(new RegExp(`${c.publicName} \\(\\d+\\): now approved`));
      expect(shown.text).toContain('href="/admin/affiliations/next"');
      // Shown once.
      expect((await page(res.headers.location).expect(200)).text).not.toContain('Approved 2 of 3');
    });

    it('approves one row in place, naming it on the next page', async () => {
      const [a] = await waiting(1, 'Single');
      const res = await form('/admin/affiliations/bulk?status=submitted', { ids: a.id });
      expect(res.status).toBe(303);
      const shown = await page(res.headers.location).expect(200);
      expect(shown.text).toMatch(new RegExp(`${a.publicName}: the \\d+ affiliation was approved\\.`));
      expect(await status(a.id)).toBe('approved');
    });

    it('shows the queue again with a message when nothing was ticked', async () => {
      await waiting(1, 'Unticked');
      const res = await form('/admin/affiliations/bulk?q=unticked', {});
      expect(res.status).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('href="#bulk-ids"');
      expect(res.text).toContain('Select at least one affiliation to approve');
      expect(res.text).toMatch(/<input type="checkbox" id="bulk-ids" name="ids" value="[^"]+" form="bulk-approve" aria-invalid="true"/);
      expect(res.text).toContain('Unticked Branch');
    });

    it('"Next waiting" opens the affiliation that has waited longest, and says when none is waiting', async () => {
      await waiting(1, 'Next');
      const [oldest] = await t.dataSource.query(
        "SELECT id, branch_id AS \"branchId\" FROM affiliations WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 1",
      );
      const next = await page('/admin/affiliations/next');
      expect(next.status).toBe(303);
      expect(next.headers.location).toBe(`/admin/branches/${oldest.branchId}#affiliation-${oldest.id}`);
      const branchPage = await page(next.headers.location.replace(/#.*/, '')).expect(200);
      expect(branchPage.text).toContain(`id="affiliation-${oldest.id}"`);

      const all: { id: string }[] = await t.dataSource.query("SELECT id FROM affiliations WHERE status = 'submitted'");
      await bulk(admin, { action: 'approve', ids: all.map((r) => r.id) }).expect(200);
      const none = await page('/admin/affiliations/next');
      expect(none.headers.location).toBe('/admin/affiliations?status=submitted');
      expect((await page(none.headers.location).expect(200)).text).toContain('Nothing is waiting for a decision.');
    });

    it('a decision with words opens a page naming the branch; the branch page then confirms it, with "Next waiting"', async () => {
      const [a] = await waiting(1, 'Worded');
      const form1 = await page(`/admin/affiliations/${a.id}/reject`).expect(200);
      expect(form1.text).toContain('Reject the affiliation');
      expect(form1.text).toContain(`<title>Reject the affiliation: ${a.publicName}`);
      expect(form1.text).toContain('Union</dt><dd>UNISON</dd>');
      expect(form1.text).toContain('name="reason"');
      const refused = await form(`/admin/affiliations/${a.id}/reject`, { reason: 'no' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(a.publicName);
      expect(refused.text).toContain('The reason must be at least 3 characters');
      const sent = await form(`/admin/affiliations/${a.id}/reject`, { reason: 'The motion was passed by the committee' });
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toBe(`/admin/branches/${a.branchId}`);
      const shown = await page(sent.headers.location).expect(200);
      expect(shown.text).toMatch(new RegExp(`${a.publicName}: the \\d+ affiliation was rejected\\.`));
      expect(shown.text).toContain('Next waiting');
      // Decided now, its page says so and offers no form.
      const late = await page(`/admin/affiliations/${a.id}/request-changes`).expect(200);
      expect(late.text).toContain('This affiliation was already rejected');
      expect(late.text).not.toContain('<textarea');
    });
  });

  describe('search by branch or union name', () => {
    it('narrows the queue and the branch list (API and pages), every word matching the start of a word', async () => {
      const journalists = await makeBranch(t, { secretary, union: 'nuj', name: 'Searchable Freelance', publicName: 'NUJ Searchable Freelance' });
      await makeSubmittedAffiliation(t, { branch: journalists, secretary });
      await makeBranch(t, { secretary, name: 'Searchable Leeds', publicName: 'UNISON Searchable Leeds' });

      const queue = await admin.agent.get('/api/admin/affiliations?q=searchable%20journalists').expect(200);
      expect(queue.body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['NUJ Searchable Freelance']);
      const branches = await admin.agent.get('/api/admin/branches?q=SEARCH').expect(200);
      expect(branches.body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
      expect(branches.body.items.map((b: { publicName: string }) => b.publicName)).toEqual(['NUJ Searchable Freelance', 'UNISON Searchable Leeds']);
      expect((await admin.agent.get('/api/admin/branches?q=searchable%20lee').expect(200)).body.items).toHaveLength(1);
      expect((await admin.agent.get('/api/admin/branches?q=earchable').expect(200)).body.total).toBe(0);

      const listPage = await admin.agent.get('/admin/branches?q=searchable').set('Accept', 'text/html').expect(200);
      expect(listPage.text).toContain('2 branches matching “searchable”');
      expect(listPage.text).toContain(`href="/admin/branches/${journalists.id}"`);
      const queuePage = await admin.agent.get('/admin/affiliations?q=freelance').set('Accept', 'text/html').expect(200);
      expect(queuePage.text).toContain('NUJ Searchable Freelance');
    });

    it('refuses a search that is too long or not text, naming the field', async () => {
      for (const path of ['/api/admin/affiliations', '/api/admin/branches']) {
        const long = await admin.agent.get(`${path}?q=${'a'.repeat(101)}`).expect(400);
        expect(long.body.errors).toEqual({ q: ['The search must be 100 characters or fewer'] });
        expect((await admin.agent.get(`${path}?q=a&q=b`).expect(400)).body.errors.q).toEqual(['q must be text']);
      }
      const sec = await signUpSecretary(t);
      expect((await sec.agent.get('/api/admin/branches')).status).toBe(403);
      expect((await sec.agent.get('/admin/branches')).status).toBe(403);
    });
  });
});
