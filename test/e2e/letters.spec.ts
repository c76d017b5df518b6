import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { LETTER_RECIPIENTS } from '../../src/letters/letter-recipients';
import { createBranch } from '../factories/branches.factory';
import { anonymousAgent, signUpSecretary, type SignedIn } from '../utils/auth';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HOSTILE = `Bakers & <Allied> "Workers" {{writer.name}} **bold** </w:t>`;

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

const letter = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  writerName: 'Sam Writer',
  writerAddress: '3 Example Road\nBristol\nBS2 0XX',
  recipientName: 'Jo Smith',
  area: 'Bristol Central',
  personalNote: 'My sister was one of the women deceived. It took her years to trust anyone again.',
  ...overrides,
});

/** A commissioner's area is one of the police force areas; the others are free text. */
const areaFor = (kind: string): string => (kind === 'pcc' ? 'avon-and-somerset' : 'Bristol Central');

/** Rows in every table of the database (the queue's too): what a request that stores nothing leaves unchanged. */
async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables: { schema: string; name: string }[] = await t.dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${schema}"."${name}"`);
    counts[`${schema}.${name}`] = n;
  }
  return counts;
}

describe('letters to MPs, councillors, commissioners, the committee and the Home Office', () => {
  let t: TestApp;
  let anon: { agent: TestAgent; csrf: string };
  let secretary: SignedIn;
  let other: SignedIn;
  let branchId: string;

  beforeAll(async () => {
    t = await createTestApp();
    anon = await anonymousAgent(t);
    [secretary, other] = await Promise.all([signUpSecretary(t, { name: 'Pat Secretary' }), signUpSecretary(t)]);
    branchId = (await createBranch(secretary, { name: 'Leeds City', union: 'unison', address: 'UNISON Leeds City Branch\n1 Park Row\nLeeds\nLS1 5HN' })).id;
  });
  afterAll(() => t?.close());

  const text = (kind: string, body: Record<string, unknown>, who: { agent: TestAgent; csrf: string } = anon) =>
    who.agent.post(`/api/letters/${kind}`).set('X-CSRF-Token', who.csrf).set('Accept', 'application/json').send(body);
  const docx = (kind: string, body: Record<string, unknown>, who: { agent: TestAgent; csrf: string } = anon) =>
    who.agent.post(`/documents/letters/${kind}`).set('X-CSRF-Token', who.csrf).set('Accept', 'application/json').send(body).buffer(true).parse(binary);

  it('gives every kind as plain text with a subject, the writer’s paragraph first and every value literal', async () => {
    for (const kind of LETTER_RECIPIENTS) {
      const res = await text(kind, letter({ area: areaFor(kind), writerName: HOSTILE, recipientName: HOSTILE, personalNote: `${HOSTILE}\nSecond line`, furtherNote: 'One more thing.' })).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['subject', 'text']);
      expect(res.body.subject).toMatch(/^Undercover police abuse of women: /);
      const body = res.body.text as string;
      expect(body).toContain(`${HOSTILE}\n3 Example Road\nBristol\nBS2 0XX`);
      expect(body).toContain(`${HOSTILE}\nSecond line\n\n`);
      expect(body).toMatch(/\n\nOne more thing.\n\nYours sincerely,/);
      // The writer's own words come before the campaign's.
      expect(body.indexOf('Second line')).toBeLessThan(body.indexOf('Where We Stand'));
      expect(body).toMatch(/Yours sincerely,\n\n.*\*\*bold\*\* <\/w:t>$/);
      expect(body).not.toContain('______');
    }
  });

  it('asks each recipient what the campaign asks them', async () => {
    const bodies = Object.fromEntries(
      await Promise.all(
        LETTER_RECIPIENTS.map(async (kind) => [kind, ((await text(kind, letter({ recipientName: undefined, area: areaFor(kind) })).expect(200)).body.text as string).replace(/\s+/g, ' ')] as const),
      ),
    );
    expect(bodies.mp).toContain('back the campaign');
    expect(bodies.mp).toContain('press the Home Office');
    expect(bodies.mp).toContain('Member of Parliament for Bristol Central');
    expect(bodies.councillor).toContain('holding the local police force to account');
    expect(bodies.pcc).toContain('institutional sexism and institutional prejudice');
    expect(bodies.pcc).toContain('add your name to the statement');
    expect(bodies.pcc).toMatch(/\d{4} Avon and Somerset Police and Crime Commissioner Dear Sir or Madam,/);
    expect(bodies['home-affairs-committee']).toContain('The Chair Home Affairs Committee House of Commons');
    expect(bodies['home-office']).toContain('The Home Secretary Home Office 2 Marsham Street');
  });

  it('downloads every kind as a Word file with the values literal', async () => {
    for (const kind of LETTER_RECIPIENTS) {
      const res = await docx(kind, letter({ area: areaFor(kind), writerName: HOSTILE })).expect(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Police Spies Out of Lives - letter to (an MP|a councillor|a police commissioner|the Home Affairs Committee|the Home Office)\.docx"$/);
      await assertWellFormedDocx(res.body as Buffer);
      const words = squash(await mammothText(res.body as Buffer));
      expect(words).toContain(squash(HOSTILE));
      expect(words).toContain(squash('My sister was one of the women deceived.'));
    }
  });

  it('refuses a letter without a name or address, or with too long a paragraph: 400 with each field’s message', async () => {
    const res = await text('mp', { writerName: ' ', personalNote: 'x'.repeat(2001), area: 'Leeds\u202E' }).expect(400);
    expect(res.body.errors).toEqual({
      writerName: ['Enter your name'],
      writerAddress: ['Enter your address'],
      area: [expect.stringMatching(/^Area /)],
      personalNote: ['Why this matters to you must be 2,000 characters or fewer'],
    });
    const download = await anon.agent.post('/documents/letters/pcc').set('X-CSRF-Token', anon.csrf).set('Accept', 'application/json').send({ writerAddress: 'x' }).expect(400);
    expect(Object.keys(download.body.errors)).toEqual(['writerName']);
  });

  it('answers 404 for a kind that is not one', async () => {
    await text('prime-minister', letter()).expect(404);
    await anon.agent.post('/documents/letters/prime-minister').set('X-CSRF-Token', anon.csrf).send(letter()).expect(404);
  });

  it('refuses a post without the CSRF token', async () => {
    await anon.agent.post('/api/letters/mp').send(letter()).expect(403);
  });

  describe('as a branch', () => {
    it('puts the branch’s letterhead on the letter and signs it on the branch’s behalf', async () => {
      const res = await text('mp', letter({ branchId, writerName: 'Pat Secretary', writerAddress: '1 Park Row\nLeeds\nLS1 5HN' }), secretary).expect(200);
      expect(res.body.text).toMatch(/^UNISON Leeds City Branch\n1 Park Row\nLeeds\nLS1 5HN\n\n/);
      expect(res.body.text).toContain('I am writing on behalf of the Leeds City branch of UNISON.');
      expect(res.body.text).toMatch(/Pat Secretary\nOn behalf of the Leeds City branch of UNISON$/);
      const file = await docx('councillor', letter({ branchId, writerName: 'Pat Secretary' }), secretary).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="UNISON Leeds City - letter to a councillor \d{4}\.docx"$/);
      expect(squash(await mammothText(file.body as Buffer))).toContain(squash('On behalf of the Leeds City branch of UNISON'));
    });

    it('answers 404 for another secretary’s branch, or for anyone signed out', async () => {
      await text('mp', letter({ branchId }), other).expect(404);
      await docx('mp', letter({ branchId }), other).expect(404);
      await text('mp', letter({ branchId }), anon).expect(404);
      await text('mp', letter({ branchId: '00000000-0000-4000-8000-000000000000' }), secretary).expect(404);
      const page = await other.agent.get(`/act/write/mp?branch=${branchId}`).set('Accept', 'text/html').expect(404);
      expect(page.text).not.toContain('Leeds City');
    });

    it('pre-fills the form from the branch', async () => {
      const page = await secretary.agent.get(`/act/write/mp?branch=${branchId}`).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('You are writing as <strong>Leeds City (UNISON)</strong>');
      expect(page.text).toContain(`name="branchId" value="${branchId}"`);
      expect(page.text).toContain('value="Pat Secretary"');
      expect(page.text).toContain('1 Park Row');
    });
  });

  describe('the builder pages', () => {
    async function pageSession(path: string): Promise<{ agent: TestAgent; csrf: string; html: string }> {
      const { agent } = await anonymousAgent(t);
      const page = await agent.get(path).set('Accept', 'text/html').expect(200);
      return { agent, csrf: /name="_csrf" value="([^"]*)"/.exec(page.text)?.[1] ?? '', html: page.text };
    }

    it('offers the five recipients and says how to find an MP and councillor without any look-up', async () => {
      const { html } = await pageSession('/act/write');
      for (const kind of LETTER_RECIPIENTS) expect(html).toContain(`href="/act/write/${kind}"`);
      expect(html).toContain('Find your MP');
      expect(html).not.toMatch(/<(script|img|iframe)[^>]+(src|href)="https?:/);
    });

    it('shows the letter as text with its subject, how much is the writer’s own, a download form and a share text', async () => {
      const { agent, csrf } = await pageSession('/act/write/mp');
      const res = await agent
        .post('/act/write/mp')
        .type('form')
        .set('Accept', 'text/html')
        .send(new URLSearchParams({ _csrf: csrf, writerName: 'Sam <b>Writer</b>', writerAddress: '3 Example Road\nBristol', area: 'Bristol Central', personalNote: 'Because it matters to me.' }).toString())
        .expect(200);
      expect(res.text).toContain('Undercover police abuse of women: please back Police Spies Out of Lives');
      expect(res.text).toContain('Sam &lt;b&gt;Writer&lt;/b&gt;');
      expect(res.text).not.toContain('<b>Writer</b>');
      expect(res.text).toMatch(/<strong>5 of the \d+ words<\/strong>/);
      expect(res.text).toContain('action="/documents/letters/mp"');
      expect(res.text).toContain('/act/write #policespiesoutoflives');
      // The download form posts what was typed, and gives the Word file.
      const fields = Object.fromEntries([...res.text.split('action="/documents/letters/mp"')[1]!.split('</form>')[0]!.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>')]));
      expect(fields.writerAddress).toBe('3 Example Road\nBristol');
      const file = await agent.post('/documents/letters/mp').type('form').send(new URLSearchParams(fields).toString()).buffer(true).parse(binary).expect(200);
      expect(squash(await mammothText(file.body as Buffer))).toContain('Sam <b>Writer</b>');
    });

    it('gives back multi-line text exactly as typed, on a refused form and on the letter’s “change it” form', async () => {
      // What a browser reads as the textarea's value: the markup between the tags, its character references decoded.
      const textarea = (html: string, id: string): string | undefined => {
        const inner = new RegExp(`<textarea id="field-${id}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1];
        const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
        return inner?.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot));/gi, (_m, dec: string, hex: string, name: string) =>
          dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : named[name.toLowerCase()]!,
        );
      };
      const note = 'First line, with "quotes" & <angles>\nSecond line\n\n    Indented on purpose\nLast = line';
      const address = '3 Example Road\nBristol\nBS1 1AA';
      const { agent, csrf } = await pageSession('/act/write/mp');
      const post = (writerName: string) =>
        agent
          .post('/act/write/mp')
          .type('form')
          .set('Accept', 'text/html')
          .send(new URLSearchParams({ _csrf: csrf, writerName, writerAddress: address, personalNote: note, furtherNote: note }).toString());
      const refused = await post('').expect(400);
      expect(textarea(refused.text, 'writerAddress')).toBe(address);
      expect(textarea(refused.text, 'personalNote')).toBe(note);
      expect(textarea(refused.text, 'furtherNote')).toBe(note);
      const letter = await post('Sam').expect(200);
      expect(textarea(letter.text, 'personalNote')).toBe(note);
      expect(textarea(letter.text, 'furtherNote')).toBe(note);
    });

    it('shows the form again with each message beside its field', async () => {
      const { agent, csrf } = await pageSession('/act/write/councillor');
      const res = await agent
        .post('/act/write/councillor')
        .type('form')
        .set('Accept', 'text/html')
        .send(new URLSearchParams({ _csrf: csrf, writerName: '', writerAddress: '', personalNote: 'y'.repeat(2001) }).toString())
        .expect(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('<a href="#field-writerName">Enter your name</a>');
      expect(res.text).toContain('id="error-personalNote"');
      expect(res.text).toContain('Write to your local councillor');
    });
  });

  it('stores nothing: every table has as many rows after letters of every kind as before', async () => {
    const { agent } = await anonymousAgent(t);
    const page = await agent.get('/act/write/pcc').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
    const before = await rowCounts(t);
    for (const kind of LETTER_RECIPIENTS) {
      await text(kind, letter({ area: areaFor(kind) })).expect(200);
      await docx(kind, letter({ area: areaFor(kind) })).expect(200);
      await text(kind, letter({ area: areaFor(kind), branchId, writerName: 'Pat Secretary' }), secretary).expect(200);
      await docx(kind, letter({ area: areaFor(kind), branchId, writerName: 'Pat Secretary' }), secretary).expect(200);
      await agent.post(`/act/write/${kind}`).type('form').set('Accept', 'text/html').send(new URLSearchParams({ _csrf: csrf, writerName: 'Sam', writerAddress: 'Bristol' }).toString()).expect(200);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('with an email, keeps only the follow-up question (kind, area, address) and nothing else typed', async () => {
    const { agent } = await anonymousAgent(t);
    const page = await agent.get('/act/write/pcc').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<option value="avon-and-somerset">Avon and Somerset (Avon and Somerset Police and Crime Commissioner)</option>');
    expect(page.text).toContain('Scottish Police Authority');
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)![1]!;
    const before = await rowCounts(t);
    const res = await agent
      .post('/act/write/pcc')
      .type('form')
      .set('Accept', 'text/html')
      .send(new URLSearchParams({ _csrf: csrf, writerName: 'Sam Follow', writerAddress: '1 Road', area: 'avon-and-somerset', personalNote: 'Private words.', email: 'Sam.Follow@Example.org' }).toString())
      .expect(200);
    expect(res.text).toContain('We will email you once, in two weeks');
    const after = await rowCounts(t);
    expect(after).toEqual({ ...before, 'public.letter_follow_ups': before['public.letter_follow_ups']! + 1 });
    const rows = await t.dataSource.query(`SELECT * FROM letter_follow_ups WHERE email = 'sam.follow@example.org'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'pcc', area: 'avon-and-somerset' });
    expect(JSON.stringify(rows[0])).not.toMatch(/Sam Follow|Private words|1 Road/);
  });

  it('refuses a commissioner’s area that is not a police force area', async () => {
    const res = await text('pcc', letter({ area: 'Atlantis' })).expect(400);
    expect(res.body.errors).toEqual({ area: ['Choose your police force area from the list'] });
  });

  it('documents both operations in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const download = doc.paths['/documents/letters/{kind}'].post;
    expect(Object.keys(download.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(Object.keys(download.responses['200'].content)).toEqual([DOCX]);
    const plain = doc.paths['/api/letters/{kind}'].post;
    expect(plain.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/LetterTextDto');
    expect(Object.keys(plain.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(plain.parameters.find((p: { name: string }) => p.name === 'kind').schema.$ref ?? plain.parameters[0].schema.enum).toBeDefined();
    expect(doc.components.schemas.LetterFormDto.required).toEqual(['writerName', 'writerAddress']);
  });
});
