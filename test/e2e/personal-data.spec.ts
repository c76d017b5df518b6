import { PublicListRepository } from '../../src/public-list/public-list.repository';
import { count, createBranch, queuedEmails, submitAffiliation } from '../factories/branches.factory';
import { PDF, uploadSignedLetter } from '../factories/signed-letter-files';
import { anonymousAgent, signInAdmin, signUpSecretary, TEST_PASSWORD, type SignedIn } from '../utils/auth';
import { answerProblems, servedDocument } from '../utils/openapi-shape';
import { createTestApp, TestApp } from '../utils/test-app';

/** Who the secretary is, spelled so that a search of the database cannot confuse it with anything else. */
const NAME = 'Zelda Quixmore';
const EMAIL = 'zelda.quixmore@example.org';
const ADDRESS = '7 Quixmore Yard\nLeeds LS9 9QX';
const IP = '203.0.113.77';
const INVITEE = 'jo.next@example.org';

/**
 * A secretary's data from start to end: everything in the export, and after
 * erasure nothing of them anywhere — every table, the job queue included —
 * while the organisations' records stay.
 */
describe('personal data: export and erasure', () => {
  let t: TestApp;
  let sec: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;
  let branchId: string;
  let affiliationId: string;
  let invoiceId: string;

  const as = (s: SignedIn) => ({
    get: (url: string) => s.agent.get(url).set('X-Forwarded-For', IP),
    post: (url: string, body: object = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).set('X-Forwarded-For', IP).send(body),
  });

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1' } });
    admin = await signInAdmin(t);
    other = await signUpSecretary(t, { name: 'Olive Otherperson', email: 'olive.other@example.org' });
    const hidden = await createBranch(other, { union: 'rmt', name: 'Hidden Depot', listPublicly: false });

    sec = await signUpSecretary(t, { name: NAME, email: EMAIL });
    // Everything a secretary does: register with an address, send the affiliation, download the
    // documents, invite the next secretary, ask to take over a branch (declined), fail a sign-in.
    const branch = await as(sec).post('/api/branches', { union: 'unison', name: 'Quixmore Works', region: 'yorkshire_humber', membershipSize: 300, listPublicly: true, address: ADDRESS });
    expect(branch.status).toBe(201);
    branchId = branch.body.id;
    affiliationId = (await submitAffiliation(sec, branchId, { payWhatYouCan: true, payWhatYouCanNote: 'We are a small branch' })).id;
    await admin.agent.post(`/api/admin/affiliations/${affiliationId}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    // The fee unpaid past its due date, and an admin's reminder about it.
    await t.dataSource.query('UPDATE invoices SET due_on = current_date - 10 WHERE affiliation_id = $1', [affiliationId]);
    [{ id: invoiceId }] = await t.dataSource.query('SELECT id FROM invoices WHERE affiliation_id = $1', [affiliationId]);
    await admin.agent.post(`/api/admin/invoices/${invoiceId}/reminders`).set('X-CSRF-Token', admin.csrf).send({}).expect(202);
    await as(sec).get(`/api/branches/${branchId}/documents/affiliation-letter.docx`).expect(200);
    // The signed letter, under a name that holds theirs: the file is the branch's, its name theirs.
    await uploadSignedLetter(sec, branchId, PDF, 'Zelda Quixmore - signed letter.pdf').set('X-Forwarded-For', IP).expect(201);
    await as(sec).post(`/api/branches/${branchId}/handover`, { email: INVITEE }).expect(202);
    await as(sec).post('/api/branches/claims', { union: 'rmt', name: 'Hidden Depot', message: 'I am the new secretary' }).expect(202);
    const [claim] = await t.dataSource.query('SELECT id FROM branch_claims WHERE branch_id = $1', [hidden.id]);
    await admin.agent.post(`/api/admin/claims/${claim.id}`).set('X-CSRF-Token', admin.csrf).send({ decision: 'decline' }).expect(200);
    // A letter to their MP with this address for the "did they reply?" email, and a reply they told us about;
    // someone else's of each, which must not appear.
    const letter = (who: { agent: SignedIn['agent']; csrf: string }, email: string) =>
      who.agent
        .post('/act/write/mp')
        .set('X-CSRF-Token', who.csrf)
        .type('form')
        .set('Accept', 'text/html')
        .send(new URLSearchParams({ writerName: 'A writer', writerAddress: '1 Some Street', area: 'Leeds Central', personalNote: 'It matters.', email }).toString())
        .expect(200);
    const reply = (who: { agent: SignedIn['agent']; csrf: string }, email: string, representativeName: string) =>
      who.agent
        .post('/api/replies')
        .set('X-CSRF-Token', who.csrf)
        .send({ kind: 'mp', representativeName, area: 'Leeds Central', receivedOn: '2026-11-30', stance: 'supportive', summary: 'They will raise it.', email })
        .expect(202);
    await letter(sec, EMAIL);
    await reply(sec, EMAIL, 'Jo Representative MP');
    const writer = await anonymousAgent(t);
    await letter(writer, 'olive.other@example.org');
    await reply(writer, 'olive.other@example.org', 'Olive Otherperson');
    const stranger = await anonymousAgent(t);
    await stranger.agent.post('/api/auth/login').set('X-CSRF-Token', stranger.csrf).set('X-Forwarded-For', IP).send({ email: EMAIL, password: 'not the password at all' }).expect(401);
  });
  afterAll(async () => t?.close());

  it('keeps throttle counters only under a keyed hash, never the address itself', async () => {
    expect(await count(t, 'rate_limits')).toBeGreaterThan(0);
    expect(await count(t, `rate_limits WHERE key LIKE '%' || $1 || '%' OR key LIKE '%' || $2 || '%'`, [EMAIL, IP])).toBe(0);
  });

  it('exports every kind of data held about the person, and nothing of anyone else', async () => {
    const res = await as(sec).get('/api/me/export').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    expect(data.account).toMatchObject({ email: EMAIL, name: NAME, role: 'secretary' });
    expect(data.branches).toEqual([expect.objectContaining({ id: branchId, name: 'Quixmore Works', address: ADDRESS, listPublicly: true })]);
    expect(data.secretaryPeriods).toEqual([expect.objectContaining({ branchId, how: 'registered', until: null })]);
    expect(data.affiliations).toEqual([expect.objectContaining({ id: affiliationId, payWhatYouCanNote: 'We are a small branch' })]);
    expect(data.handoversSent).toEqual([expect.objectContaining({ branchId, invitee: 'j***@example.org', outcome: 'pending' })]);
    expect(data.takeoverRequests).toEqual([expect.objectContaining({ publicName: expect.stringMatching(/Hidden Depot$/), message: 'I am the new secretary', outcome: 'declined' })]);
    expect(data.documentDownloads).toEqual([expect.objectContaining({ branchId, kind: 'affiliation-letter' })]);
    expect(data.signedLetters).toEqual([
      { branchId, affiliationYear: expect.any(Number), fileName: 'Zelda Quixmore - signed letter.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), uploadedAt: expect.any(String) },
    ]);
    expect(data.letterFollowUps).toEqual([{ kind: 'mp', area: 'Leeds Central', writtenAt: expect.any(String), dueAt: expect.any(String), sentAt: null }]);
    expect(data.letterReplies).toEqual([
      {
        kind: 'mp',
        representativeName: 'Jo Representative MP',
        area: 'Leeds Central',
        policeAreaKey: null,
        receivedOn: '2026-11-30',
        stance: 'supportive',
        summary: 'They will raise it.',
        status: 'pending',
        toldAt: expect.any(String),
      },
    ]);
    const subjects = data.emails.map((e: { subject: string }) => e.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([expect.stringMatching(/is affiliated$/), expect.stringMatching(/^About your request to take over/), expect.stringMatching(/affiliation fee is overdue$/)]),
    );
    const actions = data.activity.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['branch.register', 'affiliation.create', 'affiliation.submit', 'signed_letter.uploaded', 'branch.handover_start', 'auth.login_failed', 'account.data_exported']),
    );
    expect(data.activity.find((e: { action: string }) => e.action === 'branch.register').ip).toBe(IP);

    const text = JSON.stringify(data);
    for (const foreign of [INVITEE, 'olive.other@example.org', 'Olive Otherperson', admin.user.email, admin.user.name]) expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/argon2|passwordHash|totp/i);
  });

  it('exports exactly what the OpenAPI document describes, in every section', async () => {
    const res = await as(sec).get('/api/me/export').expect(200);
    // Every list has an entry, so every nested description is checked against real data.
    const emptySections = Object.entries(res.body as Record<string, unknown>).filter(([, value]) => Array.isArray(value) && value.length === 0);
    expect(emptySections.map(([section]) => section)).toEqual([]);
    expect(answerProblems(await servedDocument(t), 'get', '/api/me/export', res)).toEqual([]);
  });

  it('shows the same data as a page to read', async () => {
    const page = await as(sec).get('/account/data').expect(200);
    for (const shown of ['Quixmore Works', '7 Quixmore Yard', 'j***@example.org', 'We are a small branch', 'declined', 'Affiliation letter', 'Zelda Quixmore - signed letter.pdf', 'Uploaded a signed affiliation letter', 'About your letter to your MP (Leeds Central)', 'Jo Representative MP', 'They will raise it.']) {
      expect(page.text).toContain(shown);
    }
    expect(page.text).not.toContain(INVITEE);
  });

  it('erases the person from every table and the job queue, keeping the branch, its affiliation, invoice and an anonymous audit trail', async () => {
    const userId = sec.user.id;
    const refused = await as(sec).post('/api/me/delete', { currentPassword: 'wrong password here', confirm: 'DELETE' });
    expect(refused.status).toBe(400);
    expect(await count(t, 'users WHERE id = $1', [userId])).toBe(1);

    await as(sec).post('/api/me/delete', { currentPassword: TEST_PASSWORD, confirm: 'DELETE' }).expect(204);
    await sec.agent.get('/api/me').expect(401);
    // One last email says it is done; once it is sent, nothing of it stays either.
    expect((await queuedEmails(t, EMAIL)).map((m) => m.subject)).toEqual(['Your account has been deleted']);
    const deadline = Date.now() + 15_000;
    while ((await count(t, `pgboss.job WHERE name = 'mail' AND data->>'to' = $1`, [EMAIL])) > 0) {
      if (Date.now() > deadline) throw new Error('the last email was not sent and forgotten within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Every text, JSON and address column of every table, in the app's schema and pg-boss's.
    const columns: { table_schema: string; table_name: string; column_name: string }[] = await t.dataSource.query(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE table_schema IN ('public', 'pgboss') AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'inet')
          AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss'))`,
    );
    const found: string[] = [];
    for (const c of columns) {
      for (const needle of [EMAIL, NAME, 'Quixmore Yard', IP, 'zelda']) {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE lower("${c.column_name}"::text) LIKE '%' || lower($1) || '%'`,
          [needle],
        );
        if (n > 0) found.push(`${c.table_schema}.${c.table_name}.${c.column_name} holds "${needle}"`);
      }
    }
    expect(found).toEqual([]);

    // The organisations' records stay.
    expect(await count(t, 'branches WHERE id = $1 AND secretary_id IS NULL AND address IS NULL AND NOT list_publicly', [branchId])).toBe(1);
    expect(await count(t, `affiliations WHERE id = $1 AND status = 'approved'`, [affiliationId])).toBe(1);
    expect(await count(t, 'invoices WHERE affiliation_id = $1', [affiliationId])).toBe(1);
    // The record of the reminder stays with the invoice: when, and which admin; nothing of the secretary.
    expect(await count(t, 'invoice_reminders WHERE invoice_id = $1 AND reminded_by = $2', [invoiceId, admin.user.id])).toBe(1);
    // The signed letter is the branch's: it stays, without who uploaded it or the name their file had.
    expect(await t.dataSource.query('SELECT uploaded_by, file_name, size_bytes FROM signed_letters WHERE branch_id = $1', [branchId])).toEqual([
      { uploaded_by: null, file_name: null, size_bytes: PDF.length },
    ]);
    // The audit trail keeps what happened and a bare id, never where from.
    expect(await count(t, 'audit_events WHERE actor_id = $1', [userId])).toBeGreaterThan(5);
    expect(await count(t, `audit_events WHERE actor_id = $1 AND action = 'account.deleted'`, [userId])).toBe(1);
    expect(await count(t, 'audit_events WHERE actor_id = $1 AND ip IS NOT NULL', [userId])).toBe(0);
    // The invitation they sent is withdrawn; the claim they made went with the account.
    expect(await count(t, 'branch_handovers WHERE branch_id = $1', [branchId])).toBe(0);
    expect(await count(t, 'branch_claims WHERE requester_id = $1', [userId])).toBe(0);
  });

  it('takes the branch off the public list until a new secretary confirms its public details', async () => {
    const listed = async () => (await t.app.get(PublicListRepository).findListedBranches()).some((c) => c.branchId.includes(branchId));
    expect(await listed()).toBe(false);
    const admins = await admin.agent.get(`/api/admin/branches/${branchId}`).expect(200);
    expect(admins.body.secretary).toBeNull();

    const next = await signUpSecretary(t, { name: 'Nia Next' });
    await admin.agent.post(`/api/admin/branches/${branchId}/reassign`).set('X-CSRF-Token', admin.csrf).send({ email: next.user.email }).expect(200);
    const page = await next.agent.get(`/branch/${branchId}`).expect(200);
    expect(page.text).toContain("Please check the branch's public name and whether it may be listed");
    expect(await listed()).toBe(false);

    await next.agent.patch(`/api/branches/${branchId}`).set('X-CSRF-Token', next.csrf).send({ publicName: 'UNISON Quixmore Works', listPublicly: true }).expect(200);
    expect(await listed()).toBe(true);
    expect((await next.agent.get(`/branch/${branchId}`).expect(200)).text).not.toContain('Please check the branch');
  });
});
