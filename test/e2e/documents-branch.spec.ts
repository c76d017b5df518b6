import type { Response } from 'supertest';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { assertWellFormedDocx, libreOfficeAvailable, mammothText, pdfTexts, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';
import { count, createBranch, submitAffiliation } from '../factories/branches.factory';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** supertest hands binary bodies over as Buffers only when asked to. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe("a secretary's pre-filled documents", () => {
  let t: TestApp;
  let sec: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;
  let branch: { id: string; name: string };
  const name = `Caerdydd a’r Fro ${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t);
    other = await signUpSecretary(t);
    admin = await signInAdmin(t);
    branch = (await createBranch(sec, { union: 'unite', name, address: '1 Heol y Frenhines\nCaerdydd\nCF10 1AA' })) as unknown as { id: string; name: string };
  });
  afterAll(() => t?.close());

  const download = (who: SignedIn, branchId: string, file: string) =>
    who.agent.get(`/api/branches/${branchId}/documents/${file}`).buffer(true).parse(binary);

  it('sends the model motion and the letter as attachments named after the union, branch and year, never cached or sniffed', async () => {
    const year = new Date().toLocaleDateString('en-GB', { year: 'numeric', timeZone: 'Europe/London' });
    for (const [file, label] of [
      ['model-motion.docx', 'model motion'],
      ['affiliation-letter.docx', 'affiliation letter'],
    ] as const) {
      const res = await download(sec, branch.id, file).expect(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const expected = `Unite ${name} - ${label} ${year}.docx`;
      // The ASCII fallback keeps the apostrophe, as a plain one.
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Unite Caerdydd a'r Fro ${name.split(' ').at(-1)} - ${label} ${year}.docx"; filename*=UTF-8''${encodeURIComponent(expected).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
      expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
      await assertWellFormedDocx(res.body as Buffer);
    }
  });

  it("titles the motion for the branch, states the fee of its size, and leaves the meeting date to write in", async () => {
    const res = await download(sec, branch.id, 'model-motion.docx').expect(200);
    const text = squash(await mammothText(res.body as Buffer));
    expect(text).toContain(`Motion to affiliate to Police Spies Out of Lives — ${name} branch of Unite the Union For the branch meeting on ____________________.`);
    // The factory's branch has 350 members: the lowest band.
    expect(text).toContain("To pay the campaign's yearly affiliation fee of £25.");
    expect(text).not.toContain('The yearly fee depends on the size of the branch');
  });

  it('leaves blank lines in the letter for what the portal does not know yet (no affiliation)', async () => {
    const res = await download(sec, branch.id, 'affiliation-letter.docx').expect(200);
    const text = squash(await mammothText(res.body as Buffer));
    expect(text).toContain(`Unite ${name} Branch`);
    expect(text).toContain('1 Heol y Frenhines');
    expect(text).toContain('CF10 1AA');
    expect(text).toContain('At its meeting on ____________________');
    expect(text).toContain('fee of £__________');
  });

  it('puts the motion date and the agreed fee into the letter once the affiliation is approved', async () => {
    const a = await submitAffiliation(sec, branch.id);
    await admin.agent.post(`/api/admin/affiliations/${a.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const [{ motion, fee }] = await t.dataSource.query('SELECT motion_passed_on::text AS motion, fee_pence AS fee FROM affiliations WHERE id = $1', [a.id]);
    const res = await download(sec, branch.id, 'affiliation-letter.docx').expect(200);
    const text = squash(await mammothText(res.body as Buffer));
    const [y, m, d] = (motion as string).split('-').map(Number);
    const written = new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(text).toContain(`At its meeting on ${written}, the ${name} branch of Unite the Union passed a motion`);
    expect(text).not.toContain('Police Spies Out of Lives Trade union affiliations');
    expect(text).toContain(`fee of £${(fee as number) / 100}`);
    const motionText = squash(await mammothText((await download(sec, branch.id, 'model-motion.docx').expect(200)).body as Buffer));
    expect(motionText).toContain(`For the branch meeting on ${written}.`);
    expect(motionText).toContain(`fee of £${(fee as number) / 100}.`);
  });

  it('opens in LibreOffice with the branch name and the page numbers', async () => {
    if (!libreOfficeAvailable() && process.env.CI !== 'true') {
      process.stderr.write('LibreOffice not installed: skipping the PDF check\n');
      return;
    }
    const motion = await download(sec, branch.id, 'model-motion.docx').expect(200);
    const letter = await download(sec, branch.id, 'affiliation-letter.docx').expect(200);
    const texts = (await pdfTexts([motion.body as Buffer, letter.body as Buffer])).map(squash);
    for (const text of texts) {
      expect(text).toContain(name);
      expect(text).toMatch(/Page 1 of \d/);
    }
  }, 150_000);

  it("answers 404 for another secretary's branch and records nothing", async () => {
    const before = await count(t, 'branch_document_downloads WHERE branch_id = $1', [branch.id]);
    for (const file of ['model-motion.docx', 'affiliation-letter.docx']) {
      const res = await other.agent.get(`/api/branches/${branch.id}/documents/${file}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, message: 'Branch not found' });
      expect(res.headers['content-disposition']).toBeUndefined();
    }
    expect(await count(t, 'branch_document_downloads WHERE branch_id = $1', [branch.id])).toBe(before);
  });

  it('answers 404 for a malformed id before any query, and 401 when signed out', async () => {
    await sec.agent.get('/api/branches/not-a-uuid/documents/model-motion.docx').expect(404);
    await sec.agent.get('/api/branches/00000000-0000-0000-0000-000000000000/documents/model-motion.docx').expect(404);
    await t.http().get(`/api/branches/${branch.id}/documents/model-motion.docx`).expect(401);
  });

  it('records each download with its template version and shows it to admins, latest first', async () => {
    const fresh = await createBranch(sec, { name: `Recorded ${Date.now().toString(36)}` });
    await download(sec, fresh.id, 'model-motion.docx').expect(200);
    await download(sec, fresh.id, 'affiliation-letter.docx').expect(200);
    const rows: { kind: string; version: number; user_id: string }[] = await t.dataSource.query(
      'SELECT kind, version, user_id FROM branch_document_downloads WHERE branch_id = $1 ORDER BY downloaded_at',
      [fresh.id],
    );
    const [{ v: motionVersion }] = await t.dataSource.query(`SELECT max(version) AS v FROM document_template_versions WHERE kind = 'model-motion'`);
    expect(rows).toEqual([
      { kind: 'model-motion', version: motionVersion, user_id: sec.user.id },
      { kind: 'affiliation-letter', version: expect.any(Number), user_id: sec.user.id },
    ]);

    const json = await admin.agent.get(`/api/admin/branches/${fresh.id}`).expect(200);
    expect(json.body.documentDownloads).toEqual([
      { kind: 'affiliation-letter', kindLabel: 'Affiliation letter', version: rows[1]!.version, downloadedAt: expect.any(String) },
      { kind: 'model-motion', kindLabel: 'Model motion', version: motionVersion, downloadedAt: expect.any(String) },
    ]);

    const page = await admin.agent.get(`/admin/branches/${fresh.id}`).set('Accept', 'text/html').expect(200);
    const section = page.text.slice(page.text.indexOf('id="documents-title"'), page.text.indexOf('id="notes-title"'));
    expect(section).toMatch(new RegExp(`Affiliation letter</td><td data-label="Version">${rows[1]!.version}</td>[\\s\\S]*Model motion</td><td data-label="Version">${motionVersion}</td>`));
  });

  it("links both documents from the secretary's branch page", async () => {
    const page = await sec.agent.get(`/branch/${branch.id}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Your documents');
    expect(page.text).toContain(`href="/api/branches/${branch.id}/documents/model-motion.docx"`);
    expect(page.text).toContain(`href="/api/branches/${branch.id}/documents/affiliation-letter.docx"`);
  });
});
