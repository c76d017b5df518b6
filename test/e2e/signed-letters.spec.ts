import { createHash } from 'node:crypto';
import { count, createBranch } from '../factories/branches.factory';
import { binary, DOCX, EXE, JPEG, PDF, pdfOfSize, PNG, TEXT, uploadSignedLetter } from '../factories/signed-letter-files';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { answerProblems, servedDocument } from '../utils/openapi-shape';
import { createTestApp, TestApp } from '../utils/test-app';

const YEAR = Number(new Date().toLocaleDateString('en-GB', { year: 'numeric', timeZone: 'Europe/London' }));
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The signed affiliation letter: uploaded by the branch's secretary, checked by its content, seen by admins. */
describe('the signed affiliation letter', () => {
  let t: TestApp;
  let sec: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;
  let branch: { id: string; publicName: string };
  let otherBranch: { id: string };

  beforeAll(async () => {
    // 1 MB, so "too large" needs only a little over a megabyte.
    t = await createTestApp({ env: { SIGNED_LETTER_MAX_MB: '1' } });
    sec = await signUpSecretary(t);
    other = await signUpSecretary(t);
    admin = await signInAdmin(t);
    branch = await createBranch(sec, { union: 'unison', name: `Caerdydd a’r Fro ${Date.now().toString(36)}` });
    otherBranch = await createBranch(other);
  });
  afterAll(() => t?.close());

  const stored = (branchId: string) => count(t, 'signed_letters WHERE branch_id = $1', [branchId]);
  const download = (who: SignedIn, path: string) => who.agent.get(path).buffer(true).parse(binary);

  it.each([
    ['a PDF', PDF, 'application/pdf', 'pdf'],
    ['a PNG named .pdf and declared a PDF', PNG, 'image/png', 'png'],
    ['a JPEG', JPEG, 'image/jpeg', 'jpg'],
  ] as const)('accepts %s, typed by its content, and sends it back as an attachment never sniffed, cached or run', async (_what, file, mediaType, extension) => {
    const res = await uploadSignedLetter(sec, branch.id, file, 'scan.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/branches/${branch.id}/signed-letter/${YEAR}`);
    expect(res.body).toEqual({
      branchId: branch.id,
      affiliationYear: YEAR,
      mediaType,
      sizeBytes: file.length,
      sha256: sha256(file),
      fileName: 'scan.pdf',
      uploadedBy: sec.user.id,
      uploadedAt: expect.any(String),
    });
    expect(answerProblems(await servedDocument(t), 'post', '/api/branches/{id}/signed-letter', res)).toEqual([]);

    const got = await download(sec, res.headers.location).expect(200);
    expect(got.body).toEqual(file);
    expect(got.headers['content-type']).toBe(mediaType);
    expect(got.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="UNISON Caerdydd a'r Fro [a-z0-9]+ - signed affiliation letter ${YEAR}\\.${extension}"; filename\\*=UTF-8''`));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(await stored(branch.id)).toBe(1);
  });

  it.each([
    ['a renamed Windows program', EXE, 'setup.pdf', 'application/pdf', /^The selected file must be a PDF, JPEG or PNG: this one is a program, not a document$/],
    ['a text file', TEXT, 'letter.txt', 'text/plain', /^The selected file must be a PDF, JPEG or PNG, and this one is not, whatever its name says$/],
    ['a text file named .pdf', TEXT, 'letter.pdf', 'application/pdf', /^The selected file must be a PDF, JPEG or PNG, and this one is not/],
    ['the Word letter itself', DOCX, 'letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', /this one is a Word document .*: print or scan the signed paper copy instead$/],
    ['an empty file', Buffer.alloc(0), 'letter.pdf', 'application/pdf', /^The selected file is empty$/],
  ])('refuses %s with one message for the field, storing nothing', async (_what, file, name, type, message) => {
    const before = await count(t, 'signed_letters');
    const res = await uploadSignedLetter(sec, branch.id, file, name, type);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['file']);
    expect(res.body.errors.file).toEqual([expect.stringMatching(message)]);
    expect(await count(t, 'signed_letters')).toBe(before);
  });

  it('refuses a file over the limit as it arrives (413), naming the limit; one at the limit is taken', async () => {
    const before = await count(t, `audit_events WHERE action LIKE 'signed_letter.%'`);
    const res = await uploadSignedLetter(sec, branch.id, pdfOfSize(1_000_001));
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual({ file: ['The selected file must be smaller than 1 MB'] });
    expect(await count(t, `audit_events WHERE action LIKE 'signed_letter.%'`)).toBe(before);
    const atLimit = await uploadSignedLetter(sec, branch.id, pdfOfSize(1_000_000));
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.sizeBytes).toBe(1_000_000);
  });

  it("answers 404 for another branch's letter, upload or download, and for a branch that does not exist, reading nothing", async () => {
    const before = await count(t, 'signed_letters');
    // Over the limit: a 413 would mean the body was read before the branch was checked.
    for (const id of [otherBranch.id, '6f1d3c2a-1b2c-4d5e-8f90-123456789abc', 'not-a-uuid']) {
      const res = await uploadSignedLetter(sec, id, pdfOfSize(1_500_000));
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
    }
    expect(await count(t, 'signed_letters')).toBe(before);
    await uploadSignedLetter(other, otherBranch.id, PNG).expect(201);
    await sec.agent.get(`/api/branches/${otherBranch.id}/signed-letter/${YEAR}`).expect(404);
    await other.agent.get(`/api/branches/${branch.id}/signed-letter/${YEAR}`).expect(404);
    await sec.agent.get(`/api/branches/${branch.id}/signed-letter/${YEAR - 1}`).expect(404);
    await sec.agent.get(`/api/branches/${branch.id}/signed-letter/last-year`).expect(404);
  });

  it('takes the CSRF token from the header or from a form field sent before the file, and refuses a multipart body with neither', async () => {
    const url = `/api/branches/${branch.id}/signed-letter`;
    expect((await sec.agent.post(url).attach('file', PDF, 'a.pdf')).status).toBe(403);
    expect((await sec.agent.post(url).field('_csrf', 'not-the-token').attach('file', PDF, 'a.pdf')).status).toBe(403);
    expect((await sec.agent.post(url).field('_csrf', sec.csrf).attach('file', PDF, 'a.pdf')).status).toBe(201);
    // Any other route: a multipart body never carries its token past the CSRF check.
    const elsewhere = await sec.agent.post(`/api/branches/${branch.id}/affiliations`).field('_csrf', sec.csrf).field('motionPassedOn', '2026-01-10').field('endorsesStatement', 'true');
    expect(elsewhere.status).toBe(403);
    expect(await count(t, 'affiliations WHERE branch_id = $1', [branch.id])).toBe(0);
  });

  it('refuses anything but one file in the field "file", each with a message for the field', async () => {
    const url = `/api/branches/${branch.id}/signed-letter`;
    const post = () => sec.agent.post(url).set('X-CSRF-Token', sec.csrf);
    const cases = [
      [post().attach('document', PDF, 'a.pdf'), 'Upload one file, in the field "file"'],
      [post().attach('file', PDF, 'a.pdf').attach('file', PNG, 'b.png'), 'Upload one file, in the field "file"'],
      [post().field('note', 'hello').field('more', 'x').attach('file', PDF, 'a.pdf'), 'Send only the file, in the field "file"'],
      [post().send({ file: 'JVBERi0xLjQ=' }), 'Select the signed letter to upload'],
      [post().set('Content-Type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut sho'), 'The selected file could not be uploaded – try again'],
    ] as const;
    for (const [request, message] of cases) {
      const res = await request;
      expect({ message, status: res.status, errors: res.body.errors }).toEqual({ message, status: 400, errors: { file: [message] } });
    }
  });

  it('replaces the year’s letter with a new upload, keeps a clean file name for admins, and audits both', async () => {
    const first = await uploadSignedLetter(sec, branch.id, PDF, 'C:\\fakepath\\Llythyr wedi’i lofnodi\u202Egpj.pdf').expect(201);
    expect(first.body.fileName).toBe('Llythyr wedi’i lofnodi gpj.pdf');
    const second = await uploadSignedLetter(sec, branch.id, JPEG, 'photo.jpg', 'image/jpeg').expect(201);
    expect(second.headers.location).toBe(first.headers.location);
    expect((await download(sec, second.headers.location).expect(200)).body).toEqual(JPEG);
    expect(await stored(branch.id)).toBe(1);
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, subject_id, summary FROM audit_events WHERE action = 'signed_letter.replaced' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({
      actor_id: sec.user.id,
      subject_id: branch.id,
      summary: { year: YEAR, mediaType: 'image/jpeg', sizeBytes: JPEG.length, sha256: sha256(JPEG), previousSha256: sha256(PDF), previousSizeBytes: PDF.length },
    });
    expect(await count(t, `audit_events WHERE action = 'signed_letter.uploaded' AND subject_id = $1`, [branch.id])).toBe(1);
  });

  it('shows admins the letters on GET /api/admin/branches/:id and the admin page, and audits their downloads', async () => {
    const view = await admin.agent.get(`/api/admin/branches/${branch.id}`).expect(200);
    expect(view.body.signedLetters).toEqual([expect.objectContaining({ affiliationYear: YEAR, mediaType: 'image/jpeg', fileName: 'photo.jpg', uploadedBy: sec.user.id })]);
    expect(answerProblems(await servedDocument(t), 'get', '/api/admin/branches/{id}', view)).toEqual([]);

    const page = await admin.agent.get(`/admin/branches/${branch.id}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Signed affiliation letters');
    expect(page.text).toContain(`href="/api/admin/branches/${branch.id}/signed-letter/${YEAR}"`);
    expect(page.text).toContain('photo.jpg (JPEG, 134 bytes)');

    const before = await count(t, `audit_events WHERE action = 'signed_letter.downloaded' AND subject_id = $1`, [branch.id]);
    const got = await download(admin, `/api/admin/branches/${branch.id}/signed-letter/${YEAR}`).expect(200);
    expect(got.body).toEqual(JPEG);
    expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    expect(await count(t, `audit_events WHERE action = 'signed_letter.downloaded' AND subject_id = $1`, [branch.id])).toBe(before + 1);
    await sec.agent.get(`/api/admin/branches/${branch.id}/signed-letter/${YEAR}`).expect(403);
  });

  describe('on the branch page', () => {
    const page = (path: string) => sec.agent.get(path).set('Accept', 'text/html');
    const form = () => sec.agent.post(`/branch/${branch.id}/signed-letter`).set('Accept', 'text/html').field('_csrf', sec.csrf);

    it('shows what was uploaded, with the form to replace it, and takes a new copy', async () => {
      const show = await page(`/branch/${branch.id}`).expect(200);
      expect(show.text).toContain(`Signed affiliation letter for ${YEAR}`);
      expect(show.text).toContain(`href="/api/branches/${branch.id}/signed-letter/${YEAR}">Download the signed letter (JPEG, 134 bytes)`);
      expect(show.text).toContain('enctype="multipart/form-data"');
      const res = await form().attach('file', PNG, 'new.png');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/branch/${branch.id}?done=signed-letter-replaced`);
      expect((await page(res.headers.location).expect(200)).text).toContain('The new copy of the signed letter is uploaded');
    });

    it('shows the form again with the message when the file is refused, keeping the branch in its heading', async () => {
      for (const [file, name, status, message] of [
        [EXE, 'letter.pdf', 400, 'this one is a program, not a document'],
        [pdfOfSize(1_200_000), 'big.pdf', 413, 'The selected file must be smaller than 1 MB'],
      ] as const) {
        const res = await form().attach('file', file, name);
        expect(res.status).toBe(status);
        expect(res.text).toContain(`Upload the signed letter for ${branch.publicName}`);
        expect(res.text).toContain('class="error-summary"');
        expect(res.text).toContain('href="#field-signed-letter-file"');
        expect(res.text).toContain(message);
        expect(res.text).toContain('aria-invalid="true"');
        expect(res.text).toContain('name="file"');
      }
      const none = await form();
      expect(none.status).toBe(400);
      expect(none.text).toContain('Select the signed letter to upload');
      expect((await page(`/branch/${otherBranch.id}/signed-letter`)).status).toBe(404);
      const elsewhere = await sec.agent.post(`/branch/${otherBranch.id}/signed-letter`).set('Accept', 'text/html').field('_csrf', sec.csrf).attach('file', PDF, 'a.pdf');
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.text).toContain('Page not found');
      expect(elsewhere.text).not.toContain('Upload the signed letter');
    });
  });
});
