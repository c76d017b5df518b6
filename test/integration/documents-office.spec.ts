import { INestApplication } from '@nestjs/common';
import { DocumentsService } from '../../src/documents/documents.service';
import { createTestDatabase, TestDatabase } from '../utils/database';
import { startDocumentsModule } from '../utils/documents-module';
import { docxParts, libreOfficeAvailable, pdfPages, squash } from '../utils/docx';

const BANDS = 'Up to 500 members: £25\n501 to 2,000 members: £50\n2,001 to 5,000 members: £100';
const SIGNATURE_LINE = /^\s*(Signed: _+\s*)+$|^\s*(Name: _+\s*)+$|^\s*(Branch secretary|Branch chair|\s)+$|Page \d+ of \d+/;

/** A name of exactly `length` characters, in words, as a long branch name is. */
function branchName(length: number): string {
  const words = 'Leeds City and District Health Local Government Education and Community Services Combined Branch for West Yorkshire'.split(' ');
  let name = '';
  for (let i = 0; name.length < length; i++) name += `${name ? ' ' : ''}${words[i % words.length]}`;
  return name.slice(0, length).trim().padEnd(length, 'x');
}

const describeWithOffice = libreOfficeAvailable() || process.env.CI === 'true' ? describe : describe.skip;
if (!libreOfficeAvailable()) process.stderr.write('\n!! LibreOffice tests NOT RUN: install libreoffice-writer-nogui and poppler-utils\n\n');

describeWithOffice('every kind of document, opened by LibreOffice', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let documents: DocumentsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startDocumentsModule(db, { CAMPAIGN_ADDRESS: 'PO Box 4242, Leeds, LS1 9ZZ', CAMPAIGN_EMAIL: 'branches@psool.example.org' });
    documents = app.get(DocumentsService);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('shows the motion’s fee: the bands in the generic one, the amount in a personalised one titled for its branch', async () => {
    const generic = await documents.generic('model-motion', { 'fee.bands': BANDS });
    const personal = await documents.render('model-motion', { 'branch.name': 'Leeds City Branch', union: 'UNISON', 'meeting.date': '2026-03-14', 'fee.amount': 5000, 'fee.bands': BANDS });
    for (const doc of [generic, personal]) expect((await docxParts(doc.buffer)).get('word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
    const [genericPages, personalPages] = await pdfPages([generic.buffer, personal.buffer]);
    const genericText = squash(genericPages!.join(' '));
    expect(genericText).toContain('Model motion: affiliation to Police Spies Out of Lives');
    expect(genericText).toContain('The yearly fee depends on the size of the branch: Up to 500 members: £25 501 to 2,000 members: £50 2,001 to 5,000 members: £100');
    const personalText = squash(personalPages!.join(' '));
    expect(personalText).toContain('Motion to affiliate to Police Spies Out of Lives — Leeds City Branch of UNISON');
    expect(personalText).toContain("To pay the campaign's yearly affiliation fee of £50.");
    expect(personalText).not.toContain('Up to 500 members');
    // The notes for the secretary are a page of their own, after what is tabled.
    for (const pages of [genericPages!, personalPages!]) {
      const notes = pages.at(-1)!;
      expect(notes).toContain('Notes for the branch secretary');
      expect(notes).not.toContain('This branch resolves');
      expect(pages.slice(0, -1).join(' ')).not.toContain('Notes for the branch secretary');
    }
  }, 120_000);

  it("heads the letter with the branch's name and address, and addresses it to the campaign from configuration", async () => {
    const letter = await documents.render('affiliation-letter', {
      'branch.name': 'Leeds City',
      union: 'UNISON',
      'branch.address': 'UNISON Leeds City Branch\nUnity House\n12 Park Row\nLeeds LS1 5HD',
      'letter.date': '2026-04-02',
      'meeting.date': '2026-03-14',
      'fee.amount': 5000,
    });
    expect((await docxParts(letter.buffer)).get('word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
    const [pages] = await pdfPages([letter.buffer]);
    expect(pages).toHaveLength(1);
    const lines = pages![0]!.split('\n').map((l) => l.trim()).filter(Boolean);
    // No campaign header: the branch's letterhead comes first, then the date, then the campaign's address.
    expect(lines.slice(0, 9)).toEqual([
      'UNISON Leeds City Branch',
      'Unity House',
      '12 Park Row',
      'Leeds LS1 5HD',
      '2 April 2026',
      'Police Spies Out of Lives',
      'PO Box 4242',
      'Leeds',
      'LS1 9ZZ',
    ]);
    const text = squash(pages![0]!);
    expect(text).toContain('branches@psool.example.org Affiliation to Police Spies Out of Lives Dear friends,');
    expect(text).toContain('the Leeds City branch of UNISON passed a motion');
    expect(text).toMatch(/post it to the address above, email it to branches@psool\.example\.org, or upload a scan or photo of it \(PDF, JPEG or PNG\) on your branch's page/);
  }, 120_000);

  it('never leaves a signature block alone on a page, whatever pushes the letter onto a second page', async () => {
    const name = branchName(150);
    expect(name).toHaveLength(150);
    // A 150-character name, with addresses of 0 to 11 lines, moves the end of page 1 through the letter's last paragraphs and signatures.
    const letters = await Promise.all(
      Array.from({ length: 12 }, (_, lines) =>
        documents.render('affiliation-letter', {
          'branch.name': name,
          union: 'UNISON',
          'branch.address': Array.from({ length: lines }, (_, i) => `Address line ${i + 1}`).join('\n'),
          'letter.date': '2026-04-02',
          'meeting.date': '2026-03-14',
          'fee.amount': 5000,
        }),
      ),
    );
    const all = await pdfPages(letters.map((l) => l.buffer));
    // Some letters are pushed so far that the signatures go over to page 2: they take the text they sign with them.
    expect(all.some((pages) => pages.findIndex((page) => page.includes('Branch chair')) > 0)).toBe(true);
    for (const pages of all) {
      const signed = pages.findIndex((page) => page.includes('Branch chair'));
      expect(signed).toBeGreaterThanOrEqual(0);
      // The signatures' page also holds the text they sign.
      expect(pages[signed]).toContain('Branch secretary');
      expect(pages[signed]).toContain('Yours in solidarity');
      expect(pages[signed]).toContain('We will pay the fee by bank transfer');
      // The last page holds more than signature lines.
      const last = pages.at(-1)!.split('\n').filter((line) => line.trim() && !SIGNATURE_LINE.test(line));
      expect(last.length).toBeGreaterThan(0);
    }
  }, 180_000);
});
