import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { createBranch, submitAffiliation } from '../factories/branches.factory';

/** What issue 13 asks of the branches' and affiliations' routes: a Location on every 201, one list shape. */
describe('branches and affiliations as the API contract says (API)', () => {
  let t: TestApp;
  let sec: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t);
    other = await signUpSecretary(t);
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  it('answers 201 with a Location that reads back what was created: a branch, an affiliation, a note', async () => {
    const branch = await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf).send({
      union: 'unison',
      name: 'Located Branch',
      region: 'london',
      membershipSize: 120,
      listPublicly: false,
    });
    expect(branch.status).toBe(201);
    expect(branch.headers.location).toBe(`/api/branches/${branch.body.id}`);
    expect((await sec.agent.get(branch.headers.location as string).expect(200)).body).toEqual(branch.body);

    const affiliation = await sec.agent
      .post(`/api/branches/${branch.body.id}/affiliations`)
      .set('X-CSRF-Token', sec.csrf)
      .send({ motionPassedOn: new Date().toISOString().slice(0, 10), endorsesStatement: true });
    expect(affiliation.status).toBe(201);
    expect(affiliation.headers.location).toBe(`/api/branches/${branch.body.id}/affiliations/${affiliation.body.id}`);
    expect((await sec.agent.get(affiliation.headers.location as string).expect(200)).body).toEqual(affiliation.body);

    const note = await admin.agent.post(`/api/admin/branches/${branch.body.id}/notes`).set('X-CSRF-Token', admin.csrf).send({ body: 'Rang the chair' });
    expect(note.status).toBe(201);
    expect(note.body).toEqual({ id: expect.stringMatching(/^\d+$/), branchId: branch.body.id, body: 'Rang the chair', createdAt: expect.any(String), authorName: 'Test Admin' });
    expect(note.headers.location).toBe(`/api/admin/branches/${branch.body.id}/notes/${note.body.id}`);
    expect((await admin.agent.get(note.headers.location as string).expect(200)).body).toEqual(note.body);
    const view = await admin.agent.get(`/api/admin/branches/${branch.body.id}`).expect(200);
    expect(view.body.notes).toEqual([note.body]);
  });

  it('shows an affiliation at its Location to its own secretary only: 404 for anyone else, another branch or a malformed id', async () => {
    const branch = await createBranch(sec);
    const mine = await createBranch(other);
    const aff = await submitAffiliation(sec, branch.id);
    expect((await sec.agent.get(`/api/branches/${branch.id}/affiliations/${aff.id}`)).status).toBe(200);
    expect((await other.agent.get(`/api/branches/${branch.id}/affiliations/${aff.id}`)).status).toBe(404);
    expect((await other.agent.get(`/api/branches/${mine.id}/affiliations/${aff.id}`)).status).toBe(404);
    const secondBranch = await createBranch(sec);
    expect((await sec.agent.get(`/api/branches/${secondBranch.id}/affiliations/${aff.id}`)).status).toBe(404);
    expect((await sec.agent.get(`/api/branches/${branch.id}/affiliations/not-a-uuid`)).status).toBe(404);
  });

  it('answers a note id that is not a note number, or not this branch’s note, with 404 (never a database error)', async () => {
    const branch = await createBranch(sec);
    const elsewhere = await createBranch(other);
    const note = await admin.agent.post(`/api/admin/branches/${branch.id}/notes`).set('X-CSRF-Token', admin.csrf).send({ body: 'Mine' }).expect(201);
    for (const id of ['0', '-1', 'abc', '1.5', '99999999999999999999999', '9223372036854775808']) {
      expect([id, (await admin.agent.get(`/api/admin/branches/${branch.id}/notes/${id}`)).status]).toEqual([id, 404]);
    }
    expect((await admin.agent.get(`/api/admin/branches/${elsewhere.id}/notes/${note.body.id}`)).status).toBe(404);
    expect((await sec.agent.get(`/api/admin/branches/${branch.id}/notes/${note.body.id}`)).status).toBe(403);
  });

  it('pages my branches as { items, total, page, pageSize }, oldest first, only mine', async () => {
    const own = await signUpSecretary(t);
    const made = [];
    for (const name of ['Paged One', 'Paged Two', 'Paged Three']) made.push(await createBranch(own, { name }));
    await createBranch(other, { name: 'Not Theirs' });
    const all = await own.agent.get('/api/branches').expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 100 });
    expect(all.body.items.map((b: { id: string }) => b.id)).toEqual(made.map((b) => b.id));
    const second = await own.agent.get('/api/branches?page=2&pageSize=2').expect(200);
    expect(second.body).toEqual({ items: [made[2]].map((b) => expect.objectContaining({ id: b.id })), total: 3, page: 2, pageSize: 2 });
    expect((await own.agent.get('/api/branches?pageSize=101')).status).toBe(400);
    expect((await own.agent.get('/api/branches?sort=name')).status).toBe(400);
  });

  it("pages a branch's affiliations", async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id);
    const first = await sec.agent.get(`/api/branches/${branch.id}/affiliations?pageSize=1`).expect(200);
    expect(first.body).toEqual({ items: [expect.objectContaining({ id: aff.id, status: 'submitted' })], total: 1, page: 1, pageSize: 1 });
    const beyond = await sec.agent.get(`/api/branches/${branch.id}/affiliations?page=2&pageSize=1`).expect(200);
    expect(beyond.body).toEqual({ items: [], total: 1, page: 2, pageSize: 1 });
  });

  it('pages the takeover requests waiting for a decision, oldest first, with their total', async () => {
    await createBranch(sec, { union: 'rmt', name: 'Contested Depot' });
    const requesters: SignedIn[] = [];
    for (let i = 0; i < 3; i++) {
      const requester = await signUpSecretary(t);
      await requester.agent.post('/api/branches/claims').set('X-CSRF-Token', requester.csrf).send({ union: 'rmt', name: 'Contested Depot' }).expect(202);
      requesters.push(requester);
    }
    const emails = requesters.map((r) => r.user.email);
    const first = await admin.agent.get('/api/admin/claims?pageSize=2').expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = await admin.agent.get('/api/admin/claims?pageSize=2&page=2').expect(200);
    expect([...first.body.items, ...second.body.items].map((c: { requesterEmail: string }) => c.requesterEmail)).toEqual(emails);

    const decided = await admin.agent.post(`/api/admin/claims/${first.body.items[0].id}`).set('X-CSRF-Token', admin.csrf).send({ decision: 'decline' });
    expect(decided.body).toEqual({ id: first.body.items[0].id, status: 'declined' });
    const after = await admin.agent.get('/api/admin/claims').expect(200);
    expect(after.body).toMatchObject({ total: 2, page: 1, pageSize: 100 });
    expect(after.body.items.map((c: { requesterEmail: string }) => c.requesterEmail)).toEqual(emails.slice(1));
  });

  it('pages the audit log with the total of events that match', async () => {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'branch.register'`);
    expect(n).toBeGreaterThan(3);
    const all = await admin.agent.get('/api/admin/audit-events?action=branch.register').expect(200);
    expect(all.body).toMatchObject({ total: n, page: 1, pageSize: 50 });
    const first = await admin.agent.get('/api/admin/audit-events?action=branch.register&pageSize=2').expect(200);
    const second = await admin.agent.get('/api/admin/audit-events?action=branch.register&pageSize=2&page=2').expect(200);
    expect(second.body).toMatchObject({ total: n, page: 2, pageSize: 2 });
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items.slice(0, 4));
    // The admin page links to older events while there are more.
    const page = await admin.agent.get('/admin/audit?action=branch.register&pageSize=2').expect(200);
    expect(page.text).toContain('href="/admin/audit?action&#x3D;branch.register&amp;pageSize&#x3D;2&amp;page&#x3D;2" rel="next"');
    const last = await admin.agent.get(`/admin/audit?action=branch.register&pageSize=2&page=${Math.ceil(n / 2)}`).expect(200);
    expect(last.text).not.toContain('rel="next"');
  });
});
