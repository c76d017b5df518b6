import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { compileTemplate, renderDirect } from '../../src/documents/compiled-template';
import { TemplateInvalidError } from '../../src/documents/documents.errors';
import { DocumentsService, DOCX_CONTENT_TYPE } from '../../src/documents/documents.service';
import { DownloadCounter } from '../../src/documents/download-counter.service';
import { resolveValues } from '../../src/documents/placeholder-values';
import { parseTemplateFile } from '../../src/documents/template-source';
import { createTestDatabase, TestDatabase } from '../utils/database';
import { startDocumentsModule } from '../utils/documents-module';
import { assertWellFormedDocx, docxParts, mammothHtml, mammothText, squash } from '../utils/docx';

const MOTION = { union: 'Unite the Union', 'branch.name': 'Bristol Central', 'meeting.date': '2025-03-14' } as const;
const BANDS = 'Up to 500 members: £25\n501 to 2,000 members: £50';
const templateFile = (name: string): string => readFileSync(join(__dirname, '..', '..', 'templates', name), 'utf8');
/** The document's text with each line break as a space (mammoth's raw text runs broken lines together). */
async function linesText(buffer: Buffer): Promise<string> {
  const html = await mammothHtml(buffer);
  return squash(html.replace(/<br \/>|<\/(p|h\d|li|td|th)>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).trim();
}
const fileVersion = (kind: 'model-motion' | 'affiliation-letter' | 'invoice' | 'receipt', name: string): number => parseTemplateFile(kind, templateFile(name)).version;

describe('DocumentsService', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let documents: DocumentsService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startDocumentsModule(db, { CAMPAIGN_ADDRESS: 'PO Box 4242, Leeds, LS1 9ZZ', CAMPAIGN_EMAIL: 'branches@psool.example.org' });
    documents = app.get(DocumentsService);
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('template versions', () => {
    it('stores each file in templates/ as a version of its kind when the database has none', async () => {
      const rows: { kind: string; version: number; title: string; created_by: string | null }[] = await dataSource.query(
        `SELECT kind, version, title, created_by FROM document_template_versions WHERE kind IN ('model-motion', 'affiliation-letter') ORDER BY kind`,
      );
      expect(rows).toEqual([
        { kind: 'affiliation-letter', version: fileVersion('affiliation-letter', 'affiliation-letter.md'), title: 'Affiliation letter', created_by: null },
        { kind: 'model-motion', version: fileVersion('model-motion', 'model-motion.md'), title: 'Model motion for trade union branches', created_by: null },
      ]);
      const [{ body }] = await dataSource.query(`SELECT body FROM document_template_versions WHERE kind = 'model-motion'`);
      expect(templateFile('model-motion.md').endsWith(body)).toBe(true);
      expect(body).not.toMatch(/^version:/m);
    });

    it('does not store a file again once its version is stored', async () => {
      const count = async (): Promise<number> => (await dataSource.query('SELECT count(*)::int AS n FROM document_template_versions'))[0].n;
      const before = await count();
      await documents.onApplicationBootstrap();
      expect(await count()).toBe(before);
    });

    it('gives an existing deployment the newer file when its latest version came from a file', async () => {
      await dataSource.query(`DELETE FROM document_template_versions WHERE kind = 'receipt'`);
      await dataSource.query(`INSERT INTO document_template_versions (kind, version, title, body) VALUES ('receipt', 1, 'Receipt', 'Old text for {{branch.name}}')`);
      await documents.onApplicationBootstrap();
      const rows = await dataSource.query(`SELECT version, created_by FROM document_template_versions WHERE kind = 'receipt' ORDER BY version`);
      expect(rows).toEqual([
        { version: 1, created_by: null },
        { version: fileVersion('receipt', 'receipt.md'), created_by: null },
      ]);
    });

    it("never supersedes an admin's version, even when the admin's account is gone", async () => {
      const [{ id: adminId }] = await dataSource.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('ed@example.org', 'Ed', 'admin', 'x') RETURNING id`);
      for (const byAccount of [true, false]) {
        await dataSource.query(`DELETE FROM document_template_versions WHERE kind = 'invoice'`);
        const [{ id }] = await dataSource.query(
          `INSERT INTO document_template_versions (kind, version, title, body, created_by) VALUES ('invoice', 1, 'Edited', 'Our own words for {{branch.name}}', $1) RETURNING id`,
          [byAccount ? adminId : null],
        );
        // With no author left, the editor's audit event still says an admin wrote it.
        if (!byAccount) await dataSource.query(`INSERT INTO audit_events (action, subject_type, subject_id) VALUES ('document_template.saved', 'document_template', $1)`, [id]);
        await documents.onApplicationBootstrap();
        const rows = await dataSource.query(`SELECT version, title FROM document_template_versions WHERE kind = 'invoice'`);
        expect(rows).toEqual([{ version: 1, title: 'Edited' }]);
      }
    });
  });

  describe('the model motion', () => {
    it('titles a personalised motion for its branch, states its fee, and names a server-built file', async () => {
      const doc = await documents.render('model-motion', { ...MOTION, 'fee.amount': 5000, 'fee.bands': BANDS });
      expect(doc).toMatchObject({ kind: 'model-motion', title: 'Model motion for trade union branches', contentType: DOCX_CONTENT_TYPE });
      expect(doc.filename).toBe('Unite Bristol Central - model motion 2025.docx');
      await assertWellFormedDocx(doc.buffer);
      const html = await mammothHtml(doc.buffer);
      expect(html).toContain('<h1>Motion to affiliate to Police Spies Out of Lives — Bristol Central branch of Unite the Union</h1>');
      expect(html).not.toContain('Model motion');
      const text = squash(await mammothText(doc.buffer));
      expect(text).toContain('For the branch meeting on 14 March 2025.');
      expect(text).toContain("To pay the campaign's yearly affiliation fee of £50.");
      expect(text).not.toContain('Up to 500 members');
      expect(text).not.toContain('some of which lasted years');
      for (const phrase of ['This branch notes', 'This branch believes', 'This branch resolves', 'To affiliate to Police Spies Out of Lives.', 'To write to our local MP']) {
        expect(text).toContain(phrase);
      }
    });

    it('names the fee bands when the branch’s fee is not known, and never says "Branch branch"', async () => {
      const doc = await documents.render('model-motion', { union: 'UNISON', 'branch.name': 'Leeds City Branch', 'fee.bands': BANDS });
      const text = await linesText(doc.buffer);
      expect(text).toContain('Motion to affiliate to Police Spies Out of Lives — Leeds City Branch of UNISON');
      expect(text).not.toMatch(/branch branch/i);
      expect(text).toContain('fee of £__________.');
      expect(text).toContain('The yearly fee depends on the size of the branch: Up to 500 members: £25 501 to 2,000 members: £50');
      expect(doc.filename).toMatch(/^UNISON Leeds City Branch - model motion \d{4}\.docx$/);
    });

    it('puts the secretary’s notes on a page of their own, after what is tabled', async () => {
      const doc = await documents.render('model-motion', { ...MOTION, 'fee.bands': BANDS });
      const xml = (await docxParts(doc.buffer)).get('word/document.xml')!;
      const notes = xml.indexOf('Notes for the branch secretary');
      expect(notes).toBeGreaterThan(xml.indexOf('Seconded by'));
      expect(xml.slice(xml.lastIndexOf('<w:p>', notes), notes)).toContain('<w:pageBreakBefore/>');
    });

    it('has a header with the campaign name, a footer with "Page X of Y", and UK English', async () => {
      const parts = await docxParts((await documents.render('model-motion', MOTION)).buffer);
      expect(parts.get('word/header1.xml')).toContain('Police Spies Out of Lives');
      expect(parts.get('word/footer1.xml')).toMatch(/Page <\/w:t>.*PAGE<\/w:instrText>.* of <\/w:t>.*NUMPAGES<\/w:instrText>/);
      expect(parts.get('word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
      expect(parts.get('docProps/core.xml')).toContain('<dc:title>Model motion for trade union branches</dc:title>');
    });

    it('gives the generic motion from memory: the same bytes and ETag for the same bands, blanks for the branch', async () => {
      const a = await documents.generic('model-motion', { 'fee.bands': BANDS });
      const b = await documents.generic('model-motion', { 'fee.bands': BANDS });
      expect(a.buffer).toBe(b.buffer);
      expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(a.filename).toBe('Police Spies Out of Lives - model motion.docx');
      expect(a.contentDisposition).toBe('attachment; filename="Police Spies Out of Lives - model motion.docx"');
      const text = squash(await mammothText(a.buffer));
      expect(text).toContain('Model motion: affiliation to Police Spies Out of Lives');
      expect(text).toContain('For the meeting of the ______________________________ branch of ______________________________ on ____________________.');
      expect(text).toContain('Up to 500 members: £25');
      const changed = await documents.generic('model-motion', { 'fee.bands': 'Up to 500 members: £30' });
      expect(changed.etag).not.toBe(a.etag);
    });

    it('is the same document the docx package builds with the values written in directly', async () => {
      const source = { ...parseTemplateFile('model-motion', templateFile('model-motion.md')), createdAt: new Date('2025-01-01T00:00:00Z') };
      const values = resolveValues('model-motion', { ...MOTION, 'branch.name': `Bakers' & Allied <Workers> "Central" </w:t></w:r> 🐝`, 'fee.amount': 2500 });
      const fast = await docxParts(await (await compileTemplate(source)).fill(values));
      const direct = await docxParts(await renderDirect(source, values));
      expect([...fast.keys()]).toEqual([...direct.keys()]);
      for (const [name, xml] of fast) expect({ name, xml }).toEqual({ name, xml: direct.get(name) });
    });
  });

  describe('the affiliation letter', () => {
    const letter = {
      union: 'UNISON',
      'branch.name': 'Leeds Health',
      'branch.address': 'UNISON Leeds Health Branch\nUnity House\n12 Park Row\r\nLeeds LS1 5HD',
      'letter.date': '2025-04-02',
      'meeting.date': '2025-03-14',
      'fee.amount': 2500,
    } as const;

    it("is the branch's letter: its letterhead, no campaign header, the date, then the campaign as recipient from configuration", async () => {
      const doc = await documents.render('affiliation-letter', letter);
      expect(doc.filename).toBe('UNISON Leeds Health - affiliation letter 2025.docx');
      const parts = await assertWellFormedDocx(doc.buffer);
      expect(parts.has('word/header1.xml')).toBe(false);
      const text = await linesText(doc.buffer);
      expect(text.indexOf('UNISON Leeds Health Branch')).toBe(0);
      // The address line that repeated the branch's name is not written twice.
      expect(text.match(/Leeds Health Branch/g)).toHaveLength(1);
      expect(text).toMatch(/^UNISON Leeds Health Branch Unity House 12 Park Row Leeds LS1 5HD 2 April 2025 Police Spies Out of Lives PO Box 4242 Leeds LS1 9ZZ branches@psool\.example\.org Affiliation to Police Spies Out of Lives Dear friends,/);
      expect(text).toContain('At its meeting on 14 March 2025, the Leeds Health branch of UNISON passed a motion to affiliate');
      expect(text).toContain('to pay the yearly affiliation fee of £25;');
      expect(text).toMatch(/Signed: _+ Signed: _+ Name: _+ Name: _+ Branch secretary Branch chair/);
      expect(text).toContain('email it to branches@psool.example.org, or upload a scan or photo of it (PDF, JPEG or PNG) on your branch');
    });

    it('keeps the signatures and the paragraphs before them together, and writes dates that do not break', async () => {
      const xml = (await docxParts((await documents.render('affiliation-letter', letter)).buffer)).get('word/document.xml')!;
      const yours = xml.indexOf('Yours in solidarity');
      expect(xml.slice(xml.lastIndexOf('<w:p>', yours), yours)).toContain('<w:keepNext/><w:keepLines/>');
      expect(xml).toContain('2\u00a0April\u00a02025');
    });

    it('writes pence as pounds', async () => {
      const text = squash(await mammothText((await documents.render('affiliation-letter', { ...letter, 'fee.amount': 125050 })).buffer));
      expect(text).toContain('fee of £1,250.50;');
    });

    it('refuses values of the wrong type, naming the placeholder', async () => {
      await expect(documents.render('affiliation-letter', { 'meeting.date': '2025-02-30' })).rejects.toThrow('meeting.date must be a real date');
      await expect(documents.render('affiliation-letter', { 'fee.amount': 12.5 })).rejects.toThrow('fee.amount must be a whole number of pence');
      await expect(documents.render('model-motion', { nope: 'x' } as never)).rejects.toThrow('nope is not a placeholder of the model-motion template');
    });
  });

  describe('template checks (what the admin editor calls)', () => {
    it('refuses an unknown placeholder with a message naming it', () => {
      let error: unknown;
      try {
        documents.validateTemplate('model-motion', { title: 'Motion', body: 'This branch, {{branch.name}}, resolves to {{nope}}.' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateInvalidError);
      const invalid = error as TemplateInvalidError;
      expect(invalid.status).toBe(400);
      expect(invalid.errors?.body?.[0]).toMatch(/^The placeholder \{\{nope\}\} is unknown: "nope" is not one the model-motion template can use\. Use one of \{\{branch\.name\}\}, \{\{union\}\}, /);
    });

    it('refuses placeholders of another kind, stray braces and Markdown documents cannot show', () => {
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Fee: {{invoice.amount}}' })).toThrow('{{invoice.amount}} is unknown');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Hello {{branch.name}' })).toThrow('does not make a placeholder');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '```python\nx\n```' })).toThrow('"```python" is not');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '![logo](https://example.org/x.png)' })).toThrow('Images are not supported');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '[site](https://x.org/{{union}})' })).toThrow('cannot be part of a link address');
      expect(() => documents.validateTemplate('invoice', { title: 'Invoice', body: '```lines\nDescription | Amount | Extra\nFee | {{invoice.amount}}\n```' })).toThrow('needs 3 cells');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Fine: {{ union }} and **{{branch.name}}**' })).not.toThrow();
    });

    it('stores a new version, which renders from then on, and keeps the old one renderable', async () => {
      const first = (await dataSource.query(`SELECT max(version) AS v FROM document_template_versions WHERE kind = 'model-motion'`))[0].v as number;
      await expect(documents.addVersion('model-motion', { title: 'Motion', body: '{{nope}}' }, null)).rejects.toThrow(TemplateInvalidError);
      const row = await documents.addVersion('model-motion', { title: 'Model motion (short)', body: '# Motion\n\n{{branch.name}} resolves to affiliate.\n' }, null);
      expect(row.version).toBe(first + 1);
      const latest = await documents.render('model-motion', MOTION);
      expect(latest.version).toBe(first + 1);
      expect(squash(await mammothText(latest.buffer))).toBe('Motion Bristol Central resolves to affiliate. ');
      expect((await documents.generic('model-motion')).version).toBe(first + 1);
      const old = await documents.render('model-motion', MOTION, { version: first });
      expect(old.version).toBe(first);
      expect(await mammothText(old.buffer)).toContain('This branch resolves');
    });
  });

  it('gives each of two versions saved at once its own number, or a conflict', async () => {
    const results = await Promise.allSettled([
      documents.addVersion('affiliation-letter', { title: 'Letter A', body: 'A {{branch.name}}' }, null),
      documents.addVersion('affiliation-letter', { title: 'Letter B', body: 'B {{branch.name}}' }, null),
    ]);
    const versions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.version] : []));
    expect(new Set(versions).size).toBe(versions.length);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect(versions.length).toBeGreaterThan(0);
  });

  it('refuses a title that is empty, too long or holds control characters', () => {
    for (const title of ['  ', 'x'.repeat(201), 'Motion\u202E']) {
      expect(() => documents.validateTemplate('model-motion', { title, body: 'Fine' })).toThrow(expect.objectContaining({ errors: { title: [expect.any(String)] } }));
    }
  });

  it('counts downloads per kind, variant and day, and nothing else', async () => {
    const counter = app.get(DownloadCounter);
    documents.countDownload('model-motion', 'generic');
    documents.countDownload('model-motion', 'generic');
    documents.countDownload('model-motion', 'personalised');
    await counter.flush();
    documents.countDownload('model-motion', 'generic');
    await counter.flush();
    const rows = await dataSource.query('SELECT kind, variant, day::text AS day, count FROM document_downloads ORDER BY variant');
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/London' });
    expect(rows).toEqual([
      { kind: 'model-motion', variant: 'generic', day: today, count: 3 },
      { kind: 'model-motion', variant: 'personalised', day: today, count: 1 },
    ]);
  });
});
