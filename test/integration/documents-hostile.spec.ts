import { INestApplication } from '@nestjs/common';
import { attachmentDisposition } from '../../src/documents/content-disposition';
import { DocumentsService } from '../../src/documents/documents.service';
import { createTestDatabase, TestDatabase } from '../utils/database';
import { startDocumentsModule } from '../utils/documents-module';
import { assertWellFormedDocx, libreOfficeAvailable, mammothText, pdfTexts, squash } from '../utils/docx';

/** A value a branch might send, and the text the document must show for it. */
const HOSTILE: { name: string; value: string; shown: string }[] = [
  { name: 'XML special characters', value: `Bakers & Allied <Workers> "Central" 'North'`, shown: `Bakers & Allied <Workers> "Central" 'North'` },
  { name: 'closing tags', value: '</w:t></w:r></w:p><w:p><w:r><w:t>Injected', shown: '</w:t></w:r></w:p><w:p><w:r><w:t>Injected' },
  { name: 'a CDATA end and an entity', value: ']]> &amp; &#0; &lt;', shown: ']]> &amp; &#0; &lt;' },
  { name: 'a control character', value: 'Bristol\u0001Central', shown: 'BristolCentral' },
  { name: 'U+FFFE', value: 'Bristol\uFFFECentral', shown: 'BristolCentral' },
  { name: 'U+FFFF', value: 'Bristol\uFFFFCentral', shown: 'BristolCentral' },
  { name: 'a lone surrogate', value: 'Bristol\uD800Central', shown: 'BristolCentral' },
  { name: 'a right-to-left override', value: 'Bristol \u202Elartnec', shown: 'Bristol lartnec' },
  { name: 'Markdown', value: '**bold** _it_ # heading [x](https://evil.example)', shown: '**bold** _it_ # heading [x](https://evil.example)' },
  { name: 'a placeholder', value: '{{union}} {{nope}}', shown: '{{union}} {{nope}}' },
  { name: 'line breaks', value: 'Line one\nLine two\r\nLine three', shown: 'Line one Line two Line three' },
  { name: 'emoji', value: 'Brighton 🐝 & Hove ✊🏽', shown: 'Brighton 🐝 & Hove ✊🏽' },
  { name: '10,000 characters', value: 'Branch '.repeat(1429).slice(0, 10_000), shown: 'Branch '.repeat(1429).slice(0, 10_000).trim() },
];

/** What makes the document's structure: paragraphs, runs, breaks, bold, italic, list items. */
function structure(xml: string): Record<string, number> {
  const count = (re: RegExp): number => (xml.match(re) ?? []).length;
  return { p: count(/<w:p[ >]/g), r: count(/<w:r>/g), br: count(/<w:br\/>/g), b: count(/<w:b\/>/g), i: count(/<w:i\/>/g), numPr: count(/<w:numPr>/g), hyperlink: count(/<w:hyperlink/g) };
}

describe('hostile values in documents', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let documents: DocumentsService;
  let baseline: Record<string, number>;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startDocumentsModule(db);
    documents = app.get(DocumentsService);
    const plain = await assertWellFormedDocx((await documents.render('model-motion', { 'branch.name': 'Plain', union: 'Unite' })).buffer);
    baseline = structure(plain.get('word/document.xml')!);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  for (const { name, value, shown } of HOSTILE) {
    it(`${name}: a file that opens, with the value as literal text and nothing added`, async () => {
      const doc = await documents.render('model-motion', { 'branch.name': value, union: value, 'meeting.date': '2025-03-14' });
      const parts = await assertWellFormedDocx(doc.buffer);
      expect(structure(parts.get('word/document.xml')!)).toEqual(baseline);
      const text = await mammothText(doc.buffer);
      expect(text).toContain(`Motion to affiliate to Police Spies Out of Lives — ${shown}`);
      expect(text).toContain('For the branch meeting on 14\u00a0March\u00a02025.');

      expect(doc.filename).toMatch(/^[^\\/:*?"<>|\u0000-\u001f]+ - model motion 2025\.docx$/);
      expect(attachmentDisposition(doc.filename)).toMatch(/^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]+"(; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+)?$/);
    });
  }

  it('keeps the lines of a multi-line value as line breaks, and nothing else', async () => {
    const values = { 'branch.name': 'Leeds', union: 'UNISON', 'meeting.date': '2025-03-14', 'letter.date': '2025-04-01', 'fee.amount': 2500 } as const;
    const plain = await assertWellFormedDocx((await documents.render('affiliation-letter', { ...values, 'branch.address': 'One line' })).buffer);
    const doc = await documents.render('affiliation-letter', { ...values, 'branch.address': '1 <High> St\n\n</w:t>\u0001Leeds\r\n\u202ELS1 1AA\n' });
    const parts = await assertWellFormedDocx(doc.buffer);
    const before = structure(plain.get('word/document.xml')!);
    // Three lines where there was one: two more runs, each starting with a line break.
    expect(structure(parts.get('word/document.xml')!)).toEqual({ ...before, r: before.r + 2, br: before.br + 2 });
    expect(squash(await mammothText(doc.buffer))).toContain('1 <High> St</w:t>LeedsLS1 1AA');
  });

  describe('in the letters (every kind, every value the writer types)', () => {
    const LETTER_KINDS = ['letter-mp', 'letter-councillor', 'letter-pcc', 'letter-home-affairs-committee', 'letter-home-office'] as const;
    const plainLetter = { 'writer.name': 'Sam', 'writer.address': 'Bristol', 'writer.reason': 'Reason', 'recipient.name': 'Jo', 'letter.date': '2026-03-14' };

    for (const kind of LETTER_KINDS) {
      it(`${kind}: opens, every hostile value literal, the structure unchanged by one-line values`, async () => {
        const area = kind === 'letter-pcc' ? { area: 'Avon', 'area.body': 'Commissioner' } : kind.endsWith('mp') || kind.endsWith('councillor') ? { area: 'Avon' } : {};
        const base = structure((await assertWellFormedDocx((await documents.render(kind, { ...plainLetter, ...area })).buffer)).get('word/document.xml')!);
        for (const { value, shown } of HOSTILE) {
          const oneLine = !/[\r\n]/.test(value);
          const values = { ...plainLetter, 'writer.name': value, 'recipient.name': value, ...(oneLine && { 'writer.reason': value, 'writer.address': value }), ...area };
          const doc = await documents.render(kind, values);
          const parts = await assertWellFormedDocx(doc.buffer);
          if (oneLine) expect(structure(parts.get('word/document.xml')!)).toEqual(base);
          const text = squash(await mammothText(doc.buffer));
          expect(text).toContain(squash(shown).trim());
          const plain = await documents.plainText(kind, values);
          // The plain text gets the same cleaned, literal value (it is never read as Markdown or a placeholder).
          expect((await documents.plainText(kind, values)).parts.map((p) => p.text).join('\n')).toContain(shown);
        }
      });
    }
  });

  const describeWithOffice = libreOfficeAvailable() || process.env.CI === 'true' ? describe : describe.skip;
  if (!libreOfficeAvailable()) process.stderr.write('\n!! LibreOffice tests NOT RUN: install libreoffice-writer-nogui and poppler-utils\n\n');

  describeWithOffice('opened by LibreOffice', () => {
    it('converts every document to PDF, showing the branch name and "Page 1 of"', async () => {
      const named = [
        { name: 'Bristol & District <Health>', doc: await documents.render('model-motion', { 'branch.name': 'Bristol & District <Health>', union: 'Unite', 'meeting.date': '2025-03-14' }) },
        { name: 'Leeds "Health"', doc: await documents.render('affiliation-letter', { 'branch.name': 'Leeds "Health"', union: 'UNISON', 'branch.address': '1 Park Row\nLeeds', 'fee.amount': 5000, 'letter.date': '2025-04-01', 'meeting.date': '2025-03-14' }) },
        { name: 'Police Spies Out of Lives', doc: await documents.generic('model-motion') },
      ];
      const hostile = await Promise.all(HOSTILE.map(({ value }) => documents.render('model-motion', { 'branch.name': value, union: 'Unite' })));
      const texts = await pdfTexts([...named.map((n) => n.doc.buffer), ...hostile.map((d) => d.buffer)]);
      named.forEach(({ name }, i) => {
        expect(squash(texts[i]!)).toContain(name);
        expect(texts[i]).toMatch(/Page 1 of [1-9]/);
      });
      expect(texts[1]).toContain('Branch secretary');
      expect(texts[1]).toContain('Branch chair');
      for (let i = 0; i < hostile.length; i++) {
        expect(texts[named.length + i]).toMatch(/Page 1 of [1-9]/);
        expect(squash(texts[named.length + i]!)).toContain('This branch resolves');
      }
      expect(squash(texts[named.length]!)).toContain(`Bakers & Allied <Workers> "Central" 'North'`);
    }, 240_000);

    it('converts a letter of every kind to PDF, as a person and as a branch, values literal and signed', async () => {
      const kinds = ['letter-mp', 'letter-councillor', 'letter-pcc', 'letter-home-affairs-committee', 'letter-home-office'] as const;
      const person = { 'writer.name': 'Sam <Writer> & Co', 'writer.address': '3 "Example" Road\nBristol BS2 0XX', 'writer.reason': '**Not bold** {{writer.name}} </w:t>', 'recipient.name': 'Jo Smith', area: 'Avon', 'area.body': 'Avon and Somerset Police and Crime Commissioner', 'letter.date': '2026-03-14' };
      const values = (kind: (typeof kinds)[number]): Record<string, string> => {
        const { area, 'area.body': body, ...rest } = person;
        return kind === 'letter-pcc' ? person : kind === 'letter-mp' || kind === 'letter-councillor' ? { ...rest, area } : (void body, rest);
      };
      const docs = await Promise.all([
        ...kinds.map((kind) => documents.render(kind, values(kind) as never)),
        ...kinds.map((kind) => documents.render(kind, { ...values(kind), 'branch.name': 'Leeds City', union: 'UNISON', 'branch.address': '1 Park Row\nLeeds' } as never)),
      ]);
      const texts = (await pdfTexts(docs.map((d) => d.buffer))).map(squash);
      kinds.forEach((_, i) => {
        expect(texts[i]).toContain('Sam <Writer> & Co');
        expect(texts[i]).toContain('3 "Example" Road');
        expect(texts[i]).toContain('**Not bold** {{writer.name}} </w:t>');
        expect(texts[i]).toContain('14 March 2026');
        expect(texts[i]).toContain('Yours sincerely');
        expect(texts[i]).toContain('Undercover police abuse of women');
        expect(texts[i]).toMatch(/Page 1 of [1-9]/);
        expect(texts[i]).not.toContain('Leeds City');
        const branch = texts[kinds.length + i]!;
        expect(branch).toContain('UNISON Leeds City Branch');
        expect(branch).toContain('On behalf of the Leeds City branch of UNISON');
      });
      expect(texts[2]).toContain('Avon and Somerset Police and Crime Commissioner');
    }, 240_000);
  });
});
