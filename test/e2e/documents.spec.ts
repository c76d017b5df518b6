import request, { type Response } from 'supertest';
import { DownloadCounter } from '../../src/documents/download-counter.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { assertWellFormedDocx, mammothText, squash } from '../utils/docx';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** supertest hands binary bodies over as Buffers only when asked to. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('model motion downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /**
   * A browser's visit: open the form (which starts a session and carries a
   * CSRF token once those exist), then post it urlencoded, asking for HTML.
   */
  async function formSession(): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/documents/model-motion').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    return { agent, csrf };
  }

  async function post(fields: Record<string, string>, body?: string): Promise<Response> {
    const { agent, csrf } = await formSession();
    return agent
      .post('/documents/model-motion')
      .type('form')
      .set('Accept', 'text/html')
      .set('X-CSRF-Token', csrf)
      .send(body ?? new URLSearchParams({ ...fields, _csrf: csrf }).toString())
      .buffer(true)
      .parse(binary);
  }

  describe('GET /documents/model-motion.docx (generic)', () => {
    it('sends the Word file as an attachment, with an ETag and caching allowed', async () => {
      const res = await t.http().get('/documents/model-motion.docx').buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toBe('attachment; filename="Police Spies Out of Lives - model motion.docx"');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
      await assertWellFormedDocx(res.body as Buffer);
      const text = squash(await mammothText(res.body as Buffer));
      expect(text).toContain('This branch resolves');
      expect(text).toContain('For the meeting of the ______________________________ branch');
      // The fee bands as admins last set them (the CreateBranches migration's, here).
      expect(text).toContain('The yearly fee depends on the size of the branch:Up to 500 members: £25501 to 2,000 members: £50');
    });

    it('answers 304 with no body when If-None-Match has the current ETag', async () => {
      const first = await t.http().get('/documents/model-motion.docx').expect(200);
      const again = await t.http().get('/documents/model-motion.docx').set('If-None-Match', first.headers.etag as string).buffer(true).parse(binary).expect(304);
      expect((again.body as Buffer).length).toBe(0);
      expect(again.headers.etag).toBe(first.headers.etag);
      await t.http().get('/documents/model-motion.docx').set('If-None-Match', '"something-else"').expect(200);
    });

    it('counts downloads (not 304s) and nothing else', async () => {
      const counter = t.app.get(DownloadCounter);
      await counter.flush();
      const before = await genericCount();
      const first = await t.http().get('/documents/model-motion.docx').expect(200);
      await t.http().get('/documents/model-motion.docx').set('If-None-Match', first.headers.etag as string).expect(304);
      await counter.flush();
      expect(await genericCount()).toBe(before + 1);
    });
  });

  async function genericCount(): Promise<number> {
    const rows: { n: number }[] = await t.dataSource.query(`SELECT COALESCE(SUM(count), 0)::int AS n FROM document_downloads WHERE kind = 'model-motion' AND variant = 'generic'`);
    return rows[0]!.n;
  }

  describe('GET /documents/model-motion (form)', () => {
    it('shows the form with its three fields, the CSRF field and a link to the blank motion', async () => {
      const res = await t.http().get('/documents/model-motion').set('Accept', 'text/html').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<form class="form" method="post" action="/documents/model-motion" novalidate>');
      expect(res.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]*">/);
      for (const field of ['union', 'branchName', 'meetingDate']) expect(res.text).toContain(`name="${field}"`);
      expect(res.text).toContain('href="/documents/model-motion.docx"');
      expect(res.text).not.toContain('error-summary');
    });
  });

  describe('POST /documents/model-motion (personalised)', () => {
    it("returns the motion with the branch's details, never cached", async () => {
      const res = await post({ union: 'Unite', branchName: 'Bristol Central', meetingDate: '2025-03-14' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toBe('attachment; filename="Unite Bristol Central - model motion 2025.docx"');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toBeUndefined();
      await assertWellFormedDocx(res.body as Buffer);
      const text = squash(await mammothText(res.body as Buffer));
      expect(text).toContain('Motion to affiliate to Police Spies Out of Lives — Bristol Central branch of Unite For the branch meeting on 14 March 2025.');
      // The fee of a branch whose size the form does not ask: every band.
      expect(text).toContain('fee of £__________.');
      expect(text).toContain('Up to 500 members: £25');
    });

    it.each(['14/3/2025', '14/03/2025', '14 March 2025'])('reads the meeting date typed as %s the UK way', async (meetingDate) => {
      const res = await post({ union: 'Unite', branchName: 'Bristol Central', meetingDate });
      expect(res.status).toBe(200);
      expect(squash(await mammothText(res.body as Buffer))).toContain('For the branch meeting on 14 March 2025.');
    });

    it('leaves the date as a line to fill in when it is left empty', async () => {
      const res = await post({ union: 'GMB', branchName: 'Leeds', meetingDate: '' });
      expect(res.status).toBe(200);
      const text = squash(await mammothText(res.body as Buffer));
      expect(text).toContain('Leeds branch of GMB For the branch meeting on ____________________.');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="GMB Leeds - model motion ${new Date().getFullYear()}.docx"`);
    });

    it('names the file in UTF-8 with an ASCII fallback when the branch name is not ASCII', async () => {
      const res = await post({ union: 'Unite', branchName: 'Caerdydd a’r Fro — Cymru ✊' });
      expect(res.status).toBe(200);
      const year = new Date().getFullYear();
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Unite Caerdydd a'r Fro - Cymru - model motion ${year}.docx"; filename*=UTF-8''Unite%20Caerdydd%20a%E2%80%99r%20Fro%20%E2%80%94%20Cymru%20%E2%9C%8A%20-%20model%20motion%20${year}.docx`,
      );
    });

    it('puts markup-like and emoji values in as literal text', async () => {
      for (const branchName of ['Bakers & Allied <Workers> "Central"', '</w:t></w:r><w:r><w:t>x', 'Brighton 🐝 & Hove']) {
        const res = await post({ union: 'BFAWU', branchName });
      expect(res.status).toBe(200);
        await assertWellFormedDocx(res.body as Buffer);
        expect(await mammothText(res.body as Buffer)).toContain(`Motion to affiliate to Police Spies Out of Lives — ${branchName} branch of BFAWU`);
      }
    });

    it('shows the form again, 400, with a message beside each field and what was typed', async () => {
      const res = await post({ union: '', branchName: '', meetingDate: '2025-02-30' });
      expect(res.status).toBe(400);
      const html = res.body.toString('utf8');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(html).toContain('There is a problem');
      expect(html).toMatch(/<div class="field has-error">\s*<label for="union">/);
      expect(html).toContain('<span class="visually-hidden">Error: </span>Enter your union</span>');
      expect(html).toContain("<span class=\"visually-hidden\">Error: </span>Enter your branch&#x27;s name</span>");
      expect(html).toContain('<span class="visually-hidden">Error: </span>Meeting date must be a real date, like 14/3/2026</span>');
      expect(html).toContain('<a href="#union">Enter your union</a>');
      expect(html).toContain('value="2025-02-30"');
      expect(html).toContain('aria-invalid="true"');
    });

    const refused: [string, Record<string, string>, string][] = [
      ['a control character', { branchName: 'Bristol\u0001Central' }, 'Branch name contains a hidden or control character (U+0001) that cannot be used: please retype it'],
      ['a line break', { branchName: 'Bristol\nCentral' }, 'Branch name contains a hidden or control character (U+000A)'],
      ['a right-to-left override', { branchName: 'Bristol \u202Elartnec' }, 'Branch name contains a hidden or control character (U+202E)'],
      ['a bidi isolate', { union: 'Unite\u2066' }, 'Union contains a hidden or control character (U+2066)'],
      ['the noncharacter U+FFFE', { branchName: 'Bristol\uFFFE' }, 'Branch name contains a hidden or control character (U+FFFE)'],
      ['10,000 characters', { branchName: 'x'.repeat(10_000) }, 'Branch name must be 120 characters or fewer'],
      ['a malformed date', { meetingDate: 'next Tuesday' }, 'Meeting date must be a real date, like 14/3/2026'],
      ['a date that does not exist', { meetingDate: '30/02/2025' }, 'Meeting date must be a real date, like 14/3/2026'],
      ['a month-first date', { meetingDate: '3/14/2025' }, 'Meeting date must be a real date, like 14/3/2026'],
    ];
    for (const [what, fields, message] of refused) {
      it(`refuses ${what} with a clear message`, async () => {
        const res = await post({ union: 'Unite', branchName: 'Bristol', ...fields });
      expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.body.toString('utf8')).toContain(message.replace(/'/g, '&#x27;'));
      });
    }

    it('refuses a lone surrogate (which only JSON can carry: a form\'s bad percent-escapes stay literal text)', async () => {
      const { agent, csrf } = await formSession();
      const res = await agent
        .post('/documents/model-motion')
        .set('Accept', 'text/html')
        .set('X-CSRF-Token', csrf)
        .type('json')
        .send('{"union":"Unite","branchName":"Bristol\\ud800"}')
        .expect(400);
      expect(res.text).toContain('Branch name contains a hidden or control character (U+D800)');
    });

    it('refuses fields that are not on the form', async () => {
      const res = await post({ union: 'Unite', branchName: 'Bristol', admin: 'true' });
      expect(res.status).toBe(400);
      expect(res.body.toString('utf8')).toContain('admin is not a field you can set');
    });

    it('answers JSON clients with the field errors as JSON', async () => {
      const { agent, csrf } = await formSession();
      const res = await agent.post('/documents/model-motion').set('Accept', 'application/json').set('X-CSRF-Token', csrf).type('form').send('union=&branchName=Bristol').expect(400);
      expect(res.body).toEqual({ statusCode: 400, message: 'Please correct the highlighted fields', errors: { union: ['Enter your union'] } });
    });

    it('takes the fields as JSON too, as the API document says, with the token GET /api/csrf gives', async () => {
      const agent = request.agent(t.app.getHttpServer());
      const { token } = (await agent.get('/api/csrf').expect(200)).body as { token: string };
      const res = await agent
        .post('/documents/model-motion')
        .set('X-CSRF-Token', token)
        .send({ union: 'PCS', branchName: 'Cardiff', meetingDate: '2025-03-14' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(squash(await mammothText(res.body as Buffer))).toContain('Motion to affiliate to Police Spies Out of Lives — Cardiff branch of PCS For the branch meeting on 14 March 2025.');
    });

    it('stores nothing but the count: no table holds what was typed', async () => {
      const marker = `Privacy Check Branch ${Date.now()}`;
      expect((await post({ union: 'Unite', branchName: marker, meetingDate: '2025-03-14' })).status).toBe(200);
      expect((await post({ union: 'Unite', branchName: `${marker}\u0001` })).status).toBe(400);
      await t.app.get(DownloadCounter).flush();
      const columns: { table_name: string; column_name: string }[] = await t.dataSource.query(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
      );
      for (const { table_name, column_name } of columns) {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`, [`%${marker}%`]);
        expect({ table: table_name, column: column_name, n }).toEqual({ table: table_name, column: column_name, n: 0 });
      }
      const rows: { n: number }[] = await t.dataSource.query(`SELECT COALESCE(SUM(count), 0)::int AS n FROM document_downloads WHERE variant = 'personalised'`);
      expect(rows[0]!.n).toBeGreaterThan(0);
    });
  });
});
