import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseModule } from '../../src/database/database.module';
import { compileTemplate, renderDirect } from '../../src/documents/compiled-template';
import { ClockModule } from '../../src/common/clock.module';
import { DocumentsModule } from '../../src/documents/documents.module';
import { TemplateInvalidError } from '../../src/documents/documents.errors';
import { DocumentsService, DOCX_CONTENT_TYPE } from '../../src/documents/documents.service';
import { DownloadCounter } from '../../src/documents/download-counter.service';
import { resolveValues } from '../../src/documents/placeholder-values';
import { parseTemplateFile } from '../../src/documents/template-source';
import { createTestDatabase, TestDatabase } from '../utils/database';
import { assertWellFormedDocx, docxParts, mammothHtml, mammothText, squash } from '../utils/docx';

/** The documents feature alone on a real, migrated database. */
async function startDocuments(db: TestDatabase): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [DatabaseModule.forRoot({ url: db.url, poolSize: 3, migrationsRun: false }), ClockModule, DocumentsModule],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const MOTION = { union: 'Unite', 'branch.name': 'Bristol Central', 'meeting.date': '2025-03-14' } as const;

describe('DocumentsService', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let documents: DocumentsService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startDocuments(db);
    documents = app.get(DocumentsService);
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('template versions', () => {
    it('stores each file in templates/ as the first version of its kind when starting', async () => {
      const rows: { kind: string; version: number; title: string; created_by: string | null }[] = await dataSource.query(
        `SELECT kind, version, title, created_by FROM document_template_versions WHERE kind IN ('model-motion', 'affiliation-letter') ORDER BY kind`,
      );
      expect(rows).toEqual([
        { kind: 'affiliation-letter', version: 1, title: 'Affiliation letter', created_by: null },
        { kind: 'model-motion', version: 1, title: 'Model motion for trade union branches', created_by: null },
      ]);
      const file = readFileSync(join(__dirname, '..', '..', 'templates', 'model-motion.md'), 'utf8');
      const [{ body }] = await dataSource.query(`SELECT body FROM document_template_versions WHERE kind = 'model-motion'`);
      expect(file.endsWith(body)).toBe(true);
      expect(body).not.toContain('version: 1');
    });

    it('does not seed again once a kind has a version', async () => {
      const count = async (): Promise<number> => (await dataSource.query('SELECT count(*)::int AS n FROM document_template_versions'))[0].n;
      const before = await count();
      await documents.onApplicationBootstrap();
      expect(await count()).toBe(before);
      const [{ n }] = await dataSource.query(`SELECT count(DISTINCT kind)::int AS n FROM document_template_versions`);
      expect(n).toBe(before);
    });
  });

  describe('the model motion', () => {
    it("renders with the branch's details, the version used and a server-built file name", async () => {
      const doc = await documents.render('model-motion', MOTION);
      expect(doc).toMatchObject({
        kind: 'model-motion',
        version: 1,
        title: 'Model motion for trade union branches',
        filename: 'Police Spies Out of Lives - model motion - Bristol Central.docx',
        contentType: DOCX_CONTENT_TYPE,
      });
      await assertWellFormedDocx(doc.buffer);
      const text = squash(await mammothText(doc.buffer));
      expect(text).toContain('For the meeting of the Bristol Central branch of Unite on 14 March 2025.');
      for (const phrase of ['This branch notes', 'This branch believes', 'This branch resolves', 'To affiliate to Police Spies Out of Lives.', "To endorse the campaign's statement, Where We Stand.", 'To pay the yearly affiliation fee', 'To write to our local MP']) {
        expect(text).toContain(phrase);
      }
    });

    it('keeps the headings, numbered and bulleted lists, bold and italic of the Markdown', async () => {
      const html = await mammothHtml((await documents.render('model-motion', MOTION)).buffer);
      expect(html).toContain('<h1>Model motion: affiliation to Police Spies Out of Lives</h1>');
      expect(html).toContain('<h2>This branch resolves</h2>');
      expect(html).toMatch(/<ol><li>To affiliate to Police Spies Out of Lives\.<\/li>/);
      expect(html).toMatch(/<ul><li>Once the motion is passed/);
      expect(html).toContain('<strong>Bristol Central</strong>');
      expect(html).toContain('<em>Where We Stand</em>');
    });

    it('has a header with the campaign name and a footer with "Page X of Y"', async () => {
      const parts = await docxParts((await documents.render('model-motion', MOTION)).buffer);
      expect(parts.get('word/header1.xml')).toContain('Police Spies Out of Lives');
      const footer = parts.get('word/footer1.xml') ?? '';
      expect(footer).toMatch(/Page <\/w:t>.*PAGE<\/w:instrText>.* of <\/w:t>.*NUMPAGES<\/w:instrText>/);
      expect(parts.get('docProps/core.xml')).toContain('<dc:title>Model motion for trade union branches</dc:title>');
    });

    it('leaves lines to fill in by hand for values not given', async () => {
      const text = squash(await mammothText((await documents.render('model-motion', {})).buffer));
      expect(text).toContain('For the meeting of the ______________________________ branch of ______________________________ on ____________________.');
    });

    it('gives the generic motion from memory: the same bytes and ETag each time, blanks for the details', async () => {
      const a = await documents.generic('model-motion');
      const b = await documents.generic('model-motion');
      expect(a.buffer).toBe(b.buffer);
      expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(a.filename).toBe('Police Spies Out of Lives - model motion.docx');
      expect(a.contentDisposition).toBe('attachment; filename="Police Spies Out of Lives - model motion.docx"');
      expect(a.buffer.equals((await documents.render('model-motion', {})).buffer)).toBe(true);
    });

    it('is the same document the docx package builds with the values written in directly', async () => {
      const file = readFileSync(join(__dirname, '..', '..', 'templates', 'model-motion.md'), 'utf8');
      const source = { ...parseTemplateFile('model-motion', file), createdAt: new Date('2025-01-01T00:00:00Z') };
      const values = resolveValues('model-motion', { ...MOTION, 'branch.name': `Bakers' & Allied <Workers> "Central" </w:t></w:r> 🐝` });
      const fast = await docxParts((await compileTemplate(source)).fill(values));
      const direct = await docxParts(await renderDirect(source, values));
      expect([...fast.keys()]).toEqual([...direct.keys()]);
      for (const [name, xml] of fast) expect({ name, xml }).toEqual({ name, xml: direct.get(name) });
    });
  });

  describe('the affiliation letter', () => {
    const letter = {
      union: 'UNISON',
      'branch.name': 'Leeds Health',
      'branch.address': 'Unity House\n12 Park Row\r\nLeeds LS1 5HD',
      'letter.date': '2025-04-02',
      'meeting.date': '2025-03-14',
      'fee.amount': 2500,
    } as const;

    it('has the address block, the date, the body and signature lines for secretary and chair', async () => {
      const doc = await documents.render('affiliation-letter', letter);
      expect(doc.filename).toBe('Police Spies Out of Lives - affiliation letter - Leeds Health.docx');
      const parts = await assertWellFormedDocx(doc.buffer);
      const xml = parts.get('word/document.xml') ?? '';
      // Each address line on its own line, in one right-aligned block.
      expect(xml).toMatch(/<w:jc w:val="right"\/>.*Leeds Health.*<w:br\/><w:t xml:space="preserve">UNISON<\/w:t>.*<w:br\/><w:t xml:space="preserve">Unity House<\/w:t>.*<w:br\/><w:t xml:space="preserve">12 Park Row<\/w:t>.*<w:br\/><w:t xml:space="preserve">Leeds LS1 5HD<\/w:t>/);
      const text = squash(await mammothText(doc.buffer));
      expect(text).toContain('2 April 2025');
      expect(text).toContain('At its meeting on 14 March 2025, the Leeds Health branch of UNISON passed a motion to affiliate');
      expect(text).toContain('to pay the yearly affiliation fee of £25;');
      expect(text).toMatch(/Signed: _+ Name: _+ Branch secretary Signed: _+ Name: _+ Branch chair/);
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

  describe('template checks (what the admin editor will call)', () => {
    const body = 'This branch, {{branch.name}}, resolves to {{nope}}.';

    it('refuses an unknown placeholder with a message naming it', () => {
      let error: unknown;
      try {
        documents.validateTemplate('model-motion', { title: 'Motion', body });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TemplateInvalidError);
      const invalid = error as TemplateInvalidError;
      expect(invalid.status).toBe(400);
      expect(invalid.message).toContain('{{nope}}');
      expect(invalid.errors?.body?.[0]).toMatch(/^The placeholder \{\{nope\}\} is unknown: "nope" is not one the model-motion template can use\. Use one of \{\{branch\.name\}\}, \{\{union\}\}, \{\{meeting\.date\}\}\.$/);
    });

    it('refuses placeholders of another kind, stray braces and Markdown documents cannot show', () => {
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Fee: {{fee.amount}}' })).toThrow('{{fee.amount}} is unknown');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Hello {{branch.name}' })).toThrow('does not make a placeholder');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '```python\nx\n```' })).toThrow('"```python" is not');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '![logo](https://example.org/x.png)' })).toThrow('Images are not supported');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: '[site](https://x.org/{{union}})' })).toThrow('cannot be part of a link address');
      expect(() => documents.validateTemplate('model-motion', { title: 'Motion', body: 'Fine: {{ union }} and **{{branch.name}}**' })).not.toThrow();
    });

    it('stores a new version, which renders from then on, and keeps the old one renderable', async () => {
      await expect(documents.addVersion('model-motion', { title: 'Motion', body: '{{nope}}' }, null)).rejects.toThrow(TemplateInvalidError);
      const row = await documents.addVersion('model-motion', { title: 'Model motion (short)', body: '# Motion\n\n{{branch.name}} resolves to affiliate.\n' }, null);
      expect(row.version).toBe(2);
      const latest = await documents.render('model-motion', MOTION);
      expect(latest.version).toBe(2);
      expect(squash(await mammothText(latest.buffer))).toBe('Motion Bristol Central resolves to affiliate. ');
      const generic = await documents.generic('model-motion');
      expect(generic.version).toBe(2);
      const first = await documents.render('model-motion', MOTION, { version: 1 });
      expect(first.version).toBe(1);
      expect(await mammothText(first.buffer)).toContain('This branch resolves');
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
