import { makeReference } from '../../src/fees/payment-reference';
import { createBranch, submitAffiliation } from '../factories/branches.factory';
import { anonymousAgent, signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/** "YYYY-MM-DD" `days` from today (UTC), and the same day as a person in the UK types it. */
function day(days: number): { iso: string; uk: string } {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return { iso: d.toISOString().slice(0, 10), uk: `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` };
}

/** Every field's errors hold exactly one message. */
function expectOneMessageEach(errors: Record<string, unknown>): void {
  for (const [field, messages] of Object.entries(errors)) {
    expect([field, Array.isArray(messages) && messages.length]).toEqual([field, 1]);
  }
}

/** Ids that occur more than once in a page. */
function duplicateIds(html: string): string[] {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

describe('form errors: one message per field, every field at once, in field order (API and pages)', () => {
  let t: TestApp;
  let sec: SignedIn;
  let admin: SignedIn;
  let branch: { id: string; publicName: string };
  let reference: string;
  let bankRef = 0;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t, { name: 'Form Secretary' });
    admin = await signInAdmin(t);
    branch = await createBranch(sec, { name: 'Kirklees Health', membershipSize: 1200 });
    const paid = await createBranch(sec, { membershipSize: 300 });
    const aff = await submitAffiliation(sec, paid.id);
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    reference = (await sec.agent.get(`/api/branches/${paid.id}/invoices`).expect(200)).body.invoices[0].reference as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = (s: SignedIn, path: string, fields: Record<string, string>) =>
    s.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: s.csrf, ...fields });

  const payment = (body: Record<string, unknown>) =>
    admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference, amountPence: 2500, receivedOn: day(0).iso, method: 'bank_transfer', bankReference: `FORM-${++bankRef}`, ...body });

  describe('registration', () => {
    it('names a bad email, a short password and a missing name in one answer, one message each, in the form’s order', async () => {
      const { agent, csrf } = await anonymousAgent(t);
      const res = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'not-an-email', password: 'short' }).expect(400);
      expect(res.body.errors).toEqual({
        name: ['Enter your name'],
        email: ['Enter an email address like name@example.org'],
        password: ['Use at least 12 characters; a few words make a good passphrase'],
      });
      expect(Object.keys(res.body.errors)).toEqual(['name', 'email', 'password']);
    });

    it('says "Enter …" for every empty field, and checks the password against the name typed with it', async () => {
      const { agent, csrf } = await anonymousAgent(t);
      const empty = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ name: '  ', email: '', password: '' }).expect(400);
      expect(empty.body.errors).toEqual({ name: ['Enter your name'], email: ['Enter your email address'], password: ['Enter a password'] });
      const ownName = await agent
        .post('/api/auth/register')
        .set('X-CSRF-Token', csrf)
        .send({ name: 'Rosalind Franklin', email: 'nope', password: 'rosalind franklin forever' })
        .expect(400);
      expect(ownName.body.errors).toEqual({ email: ['Enter an email address like name@example.org'], password: ['Do not use your name or email address in your password'] });
    });

    it('shows the same on the page, the summary in the form’s order, each linking to its field, with no id used twice', async () => {
      const { agent, csrf } = await anonymousAgent(t);
      const res = await agent.post('/register').type('form').set('Accept', 'text/html').send({ _csrf: csrf, name: '', email: 'not-an-email', password: 'short' }).expect(400);
      const summary = res.text.slice(res.text.indexOf('class="error-summary"'), res.text.indexOf('</ul>', res.text.indexOf('class="error-summary"')));
      expect(summary).toContain('<h2 id="error-summary-title">There is a problem</h2>');
      expect([...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
        ['#field-name', 'Enter your name'],
        ['#field-email', 'Enter an email address like name@example.org'],
        ['#field-password', 'Use at least 12 characters; a few words make a good passphrase'],
      ]);
      expect(res.text.match(/class="field-error"/g)).toHaveLength(3);
      expect(duplicateIds(res.text)).toEqual([]);
      expect(res.text.indexOf('class="error-summary"')).toBeGreaterThan(res.text.indexOf('<h1>'));
      expect(res.text.indexOf('class="error-summary"')).toBeLessThan(res.text.indexOf('class="lead"'));
    });
  });

  describe('branches', () => {
    it.each([
      ['about 300', 'Enter the number of members as a whole number, like 350'],
      ['', 'Enter the number of members'],
      ['0', 'The branch must have at least 1 member'],
      ['3,000,000', 'The number of members must be 2,000,000 or fewer'],
    ])('a membership of "%s" gets one message: %s', async (membershipSize, message) => {
      const res = await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf).send({ union: 'unison', name: 'Calderdale', region: 'london', membershipSize, listPublicly: true }).expect(400);
      expect(res.body.errors).toEqual({ membershipSize: [message] });
    });

    it('reports every field of a bad registration at once, in the form’s order', async () => {
      const res = await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf).send({ union: 'nope', name: '', region: '', membershipSize: 'about 300' }).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['union', 'name', 'region', 'membershipSize', 'listPublicly']);
      expectOneMessageEach(res.body.errors);
      expect(res.body.errors.name).toEqual(['Enter the branch name']);
    });
  });

  describe('payments', () => {
    it.each([
      ['twenty five', 'Enter the amount in pence as a whole number'],
      ['', 'Enter the amount in pence'],
      [0, 'The amount must be at least 1p'],
      [10_000_001, 'The amount must be £100,000 or less'],
    ])('an amount of %j gets one message: %s', async (amountPence, message) => {
      const res = await payment({ amountPence }).expect(400);
      expect(res.body.errors).toEqual({ amountPence: [message] });
    });

    it('checks the reference with the amount: both come in one answer, the reference first', async () => {
      const mistyped = `${reference.slice(0, -1)}${reference.endsWith('0') ? '1' : '0'}`;
      const unknown = makeReference(2026, 9876);
      for (const ref of [mistyped, unknown, 'ABC']) {
        const res = await payment({ reference: ref, amountPence: 'twenty five' }).expect(400);
        expect(Object.keys(res.body.errors)).toEqual(['reference', 'amountPence']);
        expect(res.body.errors.reference).toEqual([expect.stringMatching(/^No invoice has this reference/)]);
        expect(res.body.errors.amountPence).toEqual(['Enter the amount in pence as a whole number']);
      }
    });

    it('reports an unknown reference and a date in the future together, though both are checked against the database and the clock', async () => {
      const res = await payment({ reference: makeReference(2026, 9875), receivedOn: day(3).iso }).expect(400);
      expect(res.body.errors).toEqual({
        reference: [expect.stringMatching(/^No invoice has this reference/)],
        receivedOn: ['The date received cannot be in the future'],
      });
    });

    it('takes the date received typed the UK way', async () => {
      const res = await payment({ receivedOn: day(-1).uk, amountPence: 100 }).expect(201);
      expect(res.body.receivedOn).toBe(day(-1).iso);
    });

    it('on the page, "twenty five" pounds and a bad reference are reported together, in the form’s order', async () => {
      const res = await page(admin, '/admin/fees/payments', { reference: 'PSOOL-2026-9999', amount: 'twenty five', receivedOn: '31/2/2026', method: 'bank_transfer', bankReference: '' }).expect(400);
      const links = [...res.text.matchAll(/<li><a href="#field-([a-zA-Z]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
      expect(links).toEqual([
        ['reference', expect.stringMatching(/^No invoice has this reference/)],
        ['amount', 'Enter the amount in pounds, like 25 or 12.50'],
        ['receivedOn', 'The date received must be a real date, like 14/3/2026'],
        ['bankReference', 'Enter the bank’s reference for the transaction (or the cheque number)'],
      ]);
      expect(res.text.match(/class="field-error"/g)).toHaveLength(4);
      expect(duplicateIds(res.text)).toEqual([]);
      expect(res.text).toContain('value="31/2/2026"');
    });
  });

  describe('affiliations', () => {
    it('reports a motion date in the future with a missing endorsement, in one answer', async () => {
      const res = await sec.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn: day(5).iso }).expect(400);
      expect(res.body.errors).toEqual({
        motionPassedOn: ['The date the motion was passed cannot be in the future'],
        endorsesStatement: ['Confirm that the branch endorses the campaign’s statement'],
      });
    });

    it('says "Enter …" for an empty date, and "a real date" for one that is not', async () => {
      const send = (motionPassedOn: string) => sec.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', sec.csrf).send({ motionPassedOn, endorsesStatement: true });
      expect((await send('').expect(400)).body.errors).toEqual({ motionPassedOn: ['Enter the date the motion was passed'] });
      expect((await send('31/2/2026').expect(400)).body.errors).toEqual({ motionPassedOn: ['The date the motion was passed must be a real date, like 14/3/2026'] });
    });

    it('keeps the whole page when the form is refused: the branch in the heading, its fee band and the fee table', async () => {
      const res = await page(sec, `/branch/${branch.id}/affiliate`, { motionPassedOn: 'last week' }).expect(400);
      expect(res.text).toContain('<h1>Submit the affiliation of UNISON Kirklees Health</h1>');
      expect(res.text).toMatch(/With 1200 members the branch is in the band <strong>501 to 2,000 members<\/strong>: the yearly fee is <strong>£50<\/strong>/);
      expect(res.text).toContain('<caption>Yearly fees</caption>');
      expect(res.text).toContain('<a href="#motionPassedOn">The date the motion was passed must be a real date, like 14/3/2026</a>');
      expect(res.text).toContain('<a href="#endorsesStatement">Confirm that the branch endorses the campaign’s statement</a>');
      expect(res.text).toContain('value="last week"');
      expect(duplicateIds(res.text)).toEqual([]);
    });

    it('a refused form for another person’s branch is a 404, not the form', async () => {
      const stranger = await signUpSecretary(t);
      const res = await page(stranger, `/branch/${branch.id}/affiliate`, { motionPassedOn: '' });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Kirklees');
      expect((await page(stranger, '/branch/not-a-uuid/affiliate', {})).status).toBe(404);
    });

    it('takes the date typed the UK way', async () => {
      const other = await createBranch(sec);
      const res = await page(sec, `/branch/${other.id}/affiliate`, { motionPassedOn: day(-2).uk, endorsesStatement: 'true' }).expect(303);
      expect(res.headers.location).toBe(`/branch/${other.id}?done=submitted`);
      const [row] = await t.dataSource.query(`SELECT to_char(motion_passed_on, 'YYYY-MM-DD') AS d FROM affiliations WHERE branch_id = $1`, [other.id]);
      expect(row.d).toBe(day(-2).iso);
    });
  });

  it('a refused request without a form (a bad filter) shows the same summary on the error page, one message per field', async () => {
    const res = await admin.agent.get('/admin/affiliations?status=everything&sort=sideways').set('Accept', 'text/html').expect(400);
    const main = res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>'));
    expect(main).toMatch(/<h1>[^<]+<\/h1>\s*<div class="error-summary"[^>]*>\s*<h2 id="error-summary-title">There is a problem<\/h2>/);
    expect([...main.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1])).toEqual([expect.stringMatching(/^status must be one of/), expect.stringMatching(/^sort must be one of/)]);
    expect(main).not.toContain('highlighted');
  });

  describe('other refused forms keep their page', () => {
    it('the hand-over form names the branch', async () => {
      const res = await page(sec, `/branch/${branch.id}/handover`, { email: '' }).expect(400);
      expect(res.text).toContain('secretary of UNISON Kirklees Health');
      expect(res.text).toContain('<a href="#email">Enter the next secretary’s email address</a>');
    });

    it('the reversal form shows the payment, and the agreed-amount form the invoice', async () => {
      const recorded = await payment({ amountPence: 700, bankReference: 'KEEP-CONTEXT' }).expect(201);
      const reverse = await page(admin, `/admin/fees/payments/${recorded.body.id}/reverse`, { reason: '' }).expect(400);
      expect(reverse.text).toContain('KEEP-CONTEXT');
      expect(reverse.text).toContain('<a href="#field-reason">Enter why the payment is reversed</a>');
      const invoiceId = (await admin.agent.get(`/api/admin/payments/${recorded.body.id}`).expect(200)).body.invoiceId as string;
      const agree = await page(admin, `/admin/fees/invoices/${invoiceId}/agreed-amount`, { amount: 'lots' }).expect(400);
      expect(agree.text).toContain(`Invoice ${reference}`);
      expect(agree.text).toContain('<a href="#field-amount">Enter the amount in pounds, like 10 or 12.50</a>');
    });

    it('the people page keeps its list of accounts when an invitation is refused', async () => {
      const res = await page(admin, '/admin/users/invite', { name: '', email: 'nope' }).expect(400);
      expect(res.text).toContain(sec.user.email);
      expect([...res.text.matchAll(/<li><a href="#field-([a-z]+)">/g)].map((m) => m[1])).toEqual(['name', 'email']);
    });
  });
});
