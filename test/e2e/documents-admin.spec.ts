import type { Response } from 'supertest';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';
import { count, createBranch } from '../factories/branches.factory';

/** supertest hands binary bodies over as Buffers only when asked to. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const SCRIPT = '<script>alert(1)</script>';
const SVG = '"><svg onload=alert(1)>';

describe('the admin template editor', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sec: SignedIn;
  let original: { title: string; body: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t, { name: 'Ada Admin' });
    sec = await signUpSecretary(t);
    const list = await admin.agent.get('/api/admin/documents').expect(200);
    const motion = list.body.items.find((i: { kind: string }) => i.kind === 'model-motion');
    const v = await admin.agent.get(`/api/admin/documents/model-motion/versions/${motion.version}`).expect(200);
    original = { title: v.body.title, body: v.body.body, version: v.body.version };
  });
  afterAll(() => t?.close());

  const versionsOf = (kind: string) => count(t, 'document_template_versions WHERE kind = $1', [kind]);

  /** The editor form, as a browser posts it: urlencoded with the page's CSRF token. */
  async function formPost(path: string, fields: Record<string, string>) {
    const page = await admin.agent.get('/admin/documents/model-motion').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
    return admin.agent.post(path).type('form').set('Accept', 'text/html').send(new URLSearchParams({ ...fields, _csrf: csrf }).toString());
  }

  it('lists every kind with its current version, and the placeholders and versions of one', async () => {
    const list = await admin.agent.get('/api/admin/documents').expect(200);
    expect(list.body.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['model-motion', 'affiliation-letter']));
    expect(list.body.items.find((i: { kind: string }) => i.kind === 'affiliation-letter')).toMatchObject({ label: 'Affiliation letter', version: expect.any(Number) });
    const letter = await admin.agent.get('/api/admin/documents/affiliation-letter').expect(200);
    expect(letter.body.placeholders.map((p: { token: string }) => p.token)).toContain('{{fee.amount}}');
    const versions = await admin.agent.get('/api/admin/documents/affiliation-letter/versions').expect(200);
    expect(versions.body.items[0]).toMatchObject({ version: expect.any(Number), title: 'Affiliation letter', createdAt: expect.any(String) });
    await admin.agent.get('/api/admin/documents/nope/versions').expect(404);
    await admin.agent.get('/api/admin/documents/model-motion/versions/abc').expect(404);
    await admin.agent.get('/api/admin/documents/model-motion/versions/9999').expect(404);

    const page = await admin.agent.get('/admin/documents').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('href="/admin/documents/model-motion"');
    const dashboard = await admin.agent.get('/admin').set('Accept', 'text/html').expect(200);
    expect(dashboard.text).toContain('href="/admin/documents"');
  });

  it('refuses an unknown placeholder, naming it, and saves nothing (API and form)', async () => {
    const before = await versionsOf('model-motion');
    const res = await admin.agent
      .post('/api/admin/documents/model-motion/versions')
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Broken', body: 'Hello {{nope}}' })
      .expect(400);
    expect(res.body.errors.body.join(' ')).toContain('{{nope}}');

    const page = await formPost('/admin/documents/model-motion', { title: 'Broken', body: 'Hello {{nope}} and {{7*7}}' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('class="error-summary"');
    expect(page.text).toContain('The placeholder {{nope}} is unknown');
    expect(page.text).toContain('The placeholder {{7*7}} is unknown');
    // What was typed is there to correct.
    expect(page.text).toContain('Hello {{nope}} and {{7*7}}</textarea>');
    expect(await versionsOf('model-motion')).toBe(before);
    expect(await count(t, `audit_events WHERE action = 'document_template.saved'`)).toBe(0);
  });

  it('previews the text with sample values, escaped, without saving (JSON and page)', async () => {
    const before = await versionsOf('model-motion');
    const body = `# Motion for {{branch.name}}\n\n${SCRIPT} ${SVG} [x](javascript:alert(1))`;
    const res = await admin.agent.post('/api/admin/documents/model-motion/preview').set('X-CSRF-Token', admin.csrf).send({ title: 'T', body }).expect(200);
    // markdown-it does not make a link of a javascript: address: it stays text.
    expect(res.body.html).not.toMatch(/<a |<script|<svg/);
    expect(res.body.html).toContain('[x](javascript:alert(1))');
    const ok = await admin.agent
      .post('/api/admin/documents/model-motion/preview')
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'T', body: `# Motion for {{branch.name}}\n\n${SCRIPT} ${SVG}` })
      .expect(200);
    expect(ok.body.html).toContain('<h3>Motion for <mark class="placeholder-value">Bristol Central</mark></h3>');
    expect(ok.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(ok.body.html).not.toMatch(/<script|<svg/);

    const page = await formPost('/admin/documents/model-motion/preview', { title: 'T', body: `Motion for {{branch.name}} ${SCRIPT}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Preview with sample values');
    expect(page.text).not.toContain('<script>alert');
    expect(await versionsOf('model-motion')).toBe(before);
  });

  it('downloads a sample .docx of unsaved text', async () => {
    const before = await versionsOf('model-motion');
    const page = await admin.agent.get('/admin/documents/model-motion').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
    const res = await admin.agent
      .post('/admin/documents/model-motion/sample.docx')
      .type('form')
      .send(new URLSearchParams({ title: 'Sample title', body: 'Unsaved words for {{branch.name}}.', _csrf: csrf }).toString())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="Police Spies Out of Lives - model motion - sample.docx"');
    expect(res.headers['cache-control']).toBe('no-store');
    await assertWellFormedDocx(res.body as Buffer);
    expect(squash(await mammothText(res.body as Buffer))).toContain('Unsaved words for Bristol Central.');
    expect(await versionsOf('model-motion')).toBe(before);
  });

  it('saves a new version, audited, that the next branch download and the generic motion use', async () => {
    const branch = await createBranch(sec, { name: 'Version Check' });
    const genericBefore = await t.http().get('/documents/model-motion.docx').expect(200);

    const page = await formPost('/admin/documents/model-motion', {
      title: 'Model motion, revised',
      body: `${original.body}\n\nRevised wording for {{branch.name}}.\n`,
    });
    expect(page.status).toBe(303);
    const version = original.version + 1;
    expect(page.headers.location).toBe(`/admin/documents/model-motion?saved=${version}`);
    const [audit] = await t.dataSource.query(`SELECT actor_id, summary FROM audit_events WHERE action = 'document_template.saved'`);
    expect(audit).toEqual({ actor_id: admin.user.id, summary: { kind: 'model-motion', version, title: 'Model motion, revised' } });

    const doc = await sec.agent.get(`/api/branches/${branch.id}/documents/model-motion.docx`).buffer(true).parse(binary).expect(200);
    expect(squash(await mammothText(doc.body as Buffer))).toContain('Revised wording for Version Check.');
    const [recorded] = await t.dataSource.query('SELECT version FROM branch_document_downloads WHERE branch_id = $1', [branch.id]);
    expect(recorded.version).toBe(version);

    const genericAfter = await t.http().get('/documents/model-motion.docx').expect(200);
    expect(genericAfter.headers.etag).not.toBe(genericBefore.headers.etag);
    await t.http().get('/documents/model-motion.docx').set('If-None-Match', genericBefore.headers.etag as string).expect(200);

    const versions = await admin.agent.get('/api/admin/documents/model-motion/versions').expect(200);
    expect(versions.body.items[0]).toMatchObject({ version, title: 'Model motion, revised', createdById: admin.user.id, createdByName: 'Ada Admin' });
    const editor = await admin.agent.get(`/admin/documents/model-motion?saved=${version}`).set('Accept', 'text/html').expect(200);
    expect(editor.text).toContain(`Version ${version} is saved.`);
    expect(editor.text).toContain('Ada Admin');
  });

  it('reverts to an earlier version as a new version, audited (page and API)', async () => {
    const latest = (await admin.agent.get('/api/admin/documents/model-motion/versions').expect(200)).body.items[0].version as number;
    const page = await formPost(`/admin/documents/model-motion/versions/${original.version}/revert`, {});
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/admin/documents/model-motion?reverted=${latest + 1}`);
    const reverted = await admin.agent.get(`/api/admin/documents/model-motion/versions/${latest + 1}`).expect(200);
    expect(reverted.body).toMatchObject({ title: original.title, body: original.body });
    const [audit] = await t.dataSource.query(`SELECT actor_id, summary FROM audit_events WHERE action = 'document_template.reverted'`);
    expect(audit).toEqual({ actor_id: admin.user.id, summary: { kind: 'model-motion', version: latest + 1, revertedFrom: original.version } });
    const generic = await t.http().get('/documents/model-motion.docx').buffer(true).parse(binary).expect(200);
    expect(squash(await mammothText(generic.body as Buffer))).not.toContain('Revised wording');

    const api = await admin.agent.post(`/api/admin/documents/model-motion/versions/${latest}/revert`).set('X-CSRF-Token', admin.csrf).expect(201);
    expect(api.body).toMatchObject({ kind: 'model-motion', version: latest + 2, revertedFrom: latest, title: 'Model motion, revised' });
    expect(await count(t, `audit_events WHERE action = 'document_template.reverted'`)).toBe(2);

    const view = await admin.agent.get(`/admin/documents/model-motion/versions/${original.version}`).set('Accept', 'text/html').expect(200);
    expect(view.text).toContain('Revert to this version');
  });

  it('is for admins only: a secretary gets 403, a visitor 401', async () => {
    await sec.agent.get('/admin/documents').set('Accept', 'text/html').expect(403);
    await sec.agent.get('/admin/documents/model-motion').set('Accept', 'text/html').expect(403);
    await sec.agent.get('/api/admin/documents').expect(403);
    await sec.agent.post('/api/admin/documents/model-motion/versions').set('X-CSRF-Token', sec.csrf).send({ title: 'x', body: 'y' }).expect(403);
    await sec.agent.post('/api/admin/documents/model-motion/versions/1/revert').set('X-CSRF-Token', sec.csrf).expect(403);
    await t.http().get('/api/admin/documents').expect(401);
  });

  it('refuses a state change without the CSRF token', async () => {
    const before = await versionsOf('model-motion');
    await admin.agent.post('/api/admin/documents/model-motion/versions').send({ title: 'x', body: 'y' }).expect(403);
    expect(await versionsOf('model-motion')).toBe(before);
  });

  it('gives each kind with its placeholders, its versions a page at a time, and a saved version at its Location', async () => {
    const list = await admin.agent.get('/api/admin/documents').expect(200);
    // The four branch documents and the five letters.
    expect(list.body).toMatchObject({ total: 9, page: 1, pageSize: 100 });
    const kind = await admin.agent.get('/api/admin/documents/affiliation-letter').expect(200);
    expect(kind.body).toMatchObject({ kind: 'affiliation-letter', label: 'Affiliation letter', version: expect.any(Number) });
    expect(kind.body.placeholders).toContainEqual({ name: 'fee.amount', token: '{{fee.amount}}', type: 'money', description: expect.any(String) });
    await admin.agent.get('/api/admin/documents/nope').expect(404);

    const saved = await admin.agent
      .post('/api/admin/documents/affiliation-letter/versions')
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Affiliation letter', body: 'Dear campaign, {{branch.name}} affiliates.' })
      .expect(201);
    const version = kind.body.version + 1;
    expect(saved.body).toMatchObject({ kind: 'affiliation-letter', version, title: 'Affiliation letter' });
    expect(saved.headers.location).toBe(`/api/admin/documents/affiliation-letter/versions/${version}`);
    expect((await admin.agent.get(saved.headers.location).expect(200)).body).toMatchObject({ version, body: 'Dear campaign, {{branch.name}} affiliates.' });

    const total = await versionsOf('affiliation-letter');
    const page = await admin.agent.get('/api/admin/documents/affiliation-letter/versions?pageSize=1').expect(200);
    expect(page.body).toMatchObject({ total, page: 1, pageSize: 1, items: [{ version, createdById: admin.user.id, createdByName: 'Ada Admin' }] });
    const older = await admin.agent.get('/api/admin/documents/affiliation-letter/versions?pageSize=1&page=2').expect(200);
    expect(older.body.items).toEqual([expect.objectContaining({ version: version - 1 })]);

    const reverted = await admin.agent.post(`/api/admin/documents/affiliation-letter/versions/${version - 1}/revert`).set('X-CSRF-Token', admin.csrf).expect(201);
    expect(reverted.headers.location).toBe(`/api/admin/documents/affiliation-letter/versions/${version + 1}`);
    expect(reverted.body).toMatchObject({ version: version + 1, revertedFrom: version - 1 });
    for (const v of ['99999999999', '0', 'abc']) await admin.agent.get(`/api/admin/documents/affiliation-letter/versions/${v}`).expect(404);
  });
});
