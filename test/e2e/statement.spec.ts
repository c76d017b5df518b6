import { RetentionService } from '../../src/retention/retention.service';
import { StatementService } from '../../src/statement/statement.service';
import { count, queuedEmails } from '../factories/branches.factory';
import { anonymousAgent, signInAdmin, type SignedIn } from '../utils/auth';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Markers for what must never reach a public surface: an email, an unlisted name and town, unpublished messages. */
const MARK = 'qzxmark';
const HIDDEN_EMAIL = `hidden.${MARK}@example.org`;
const HIDDEN_NAME = `Unlisted ${MARK}name`;
const HIDDEN_TOWN = `${MARK}town`;
const PRIVATE_MESSAGE = `Private words ${MARK}private`;
const PENDING_MESSAGE = `Waiting words ${MARK}pending`;

let ipCounter = 10;
const freshIp = (): string => `198.51.100.${ipCounter++}`;

describe('Where We Stand: signatures, messages, privacy', () => {
  let t: TestApp;
  let admin: SignedIn;

  const linkIn = async (email: string, path: string): Promise<string> => {
    const [latest] = await queuedEmails(t, email.toLowerCase());
    const match = latest?.text.match(new RegExp(`${path.replace('/', '\\/')}\\?token=([A-Za-z0-9_-]{43})`));
    if (!match) throw new Error(`no ${path} link emailed to ${email}`);
    return match[1];
  };

  const sign = async (body: Record<string, unknown>, ip = freshIp()) => {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post('/api/statement/signatures').set('X-CSRF-Token', csrf).set('X-Forwarded-For', ip).send({ showName: false, updates: false, ...body });
  };

  const post = async (url: string, body: Record<string, unknown>, ip = freshIp()) => {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post(url).set('X-CSRF-Token', csrf).set('X-Forwarded-For', ip).send(body);
  };

  /** Signs and confirms; resolves to the signature's id. */
  const signAndConfirm = async (body: Record<string, unknown>): Promise<string> => {
    expect((await sign(body)).status).toBe(202);
    expect((await post('/api/statement/signatures/confirm', { token: await linkIn(String(body.email), '/statement/confirm') })).status).toBe(200);
    const [{ id }] = await t.dataSource.query('SELECT id FROM statement_signatures WHERE lower(email) = lower($1)', [body.email]);
    return id as string;
  };

  const publicSignatures = async () => (await t.http().get('/api/public/signatures').expect(200)).body;
  const publicMessages = async () => (await t.http().get('/api/public/messages').expect(200)).body;
  const adminPost = (url: string) => admin.agent.post(url).set('X-CSRF-Token', admin.csrf).send({});

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY_HOPS: '1', STATEMENT_SIGNS_PER_HOUR: '3' } });
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  it('counts a signature only once its emailed link is confirmed, and lists the name only when chosen', async () => {
    const res = await sign({ name: 'Ada Listed', email: 'ada@example.org', town: 'Leeds', showName: true });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('check-your-email');
    const [email] = await queuedEmails(t, 'ada@example.org');
    expect(email.subject).toBe('Confirm your signature of Where We Stand');
    expect(email.text).toMatch(/\/statement\/withdraw\?token=/);
    expect((await publicSignatures()).total).toBe(0);

    const page = await t.http().get(`/statement/confirm?token=${await linkIn('ada@example.org', '/statement/confirm')}`).expect(200);
    expect(page.text).toContain('Confirm my signature');
    // The owner of the address sees what confirming would publish before agreeing to it.
    expect(page.text).toMatch(/Name on the public list<\/dt><dd>Yes: published with the name, town and group above/);
    expect((await t.http().get(`/statement/confirm?token=${'B'.repeat(43)}`)).status).toBe(404);
    expect((await post('/api/statement/signatures/confirm', { token: await linkIn('ada@example.org', '/statement/confirm') })).status).toBe(200);
    await signAndConfirm({ name: HIDDEN_NAME, email: HIDDEN_EMAIL, town: HIDDEN_TOWN, message: PRIVATE_MESSAGE, messagePublic: false });

    const list = await publicSignatures();
    expect(list.total).toBe(2);
    expect(list.items).toEqual([{ name: 'Ada Listed', town: 'Leeds', organisation: null, signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    const statement = await t.http().get('/statement').expect(200);
    expect(statement.text).toContain('Ada Listed, Leeds');
    expect(statement.text).toContain('1 of them chose not to be named');
  });

  it('answers the same for a new and a known address, keeps one signature per address, and changes choices only once confirmed', async () => {
    await signAndConfirm({ name: 'Bea Quiet', email: 'bea@example.org' });
    const again = await sign({ name: 'Bea Loud', email: 'BEA@Example.org', showName: true, updates: true });
    const fresh = await sign({ name: 'Someone New', email: 'new.person@example.org' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(fresh.body);
    expect(await count(t, "statement_signatures WHERE lower(email) = 'bea@example.org'")).toBe(1);
    // A stranger typing Bea's address changed nothing: not listed, no updates, until Bea confirms.
    expect((await publicSignatures()).items.map((i: { name: string }) => i.name)).not.toContain('Bea Loud');
    const [before] = await t.dataSource.query("SELECT name, show_name, updates FROM statement_signatures WHERE email = 'bea@example.org'");
    expect(before).toEqual({ name: 'Bea Quiet', show_name: false, updates: false });
    expect((await post('/api/statement/signatures/confirm', { token: await linkIn('bea@example.org', '/statement/confirm') })).status).toBe(200);
    expect((await publicSignatures()).items.map((i: { name: string }) => i.name)).toContain('Bea Loud');
    expect(await count(t, "statement_signatures WHERE lower(email) = 'bea@example.org'")).toBe(1);
  });

  it('makes one signature of a new address signed several times at once', async () => {
    const answers = await Promise.all(Array.from({ length: 3 }, (_, i) => sign({ name: `Pat ${i}`, email: i % 2 ? 'PAT@example.org' : 'pat@example.org' })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(await count(t, "statement_signatures WHERE lower(email) = 'pat@example.org'")).toBe(1);
    expect(await count(t, "statement_tokens WHERE purpose = 'confirm' AND signature_id = (SELECT id FROM statement_signatures WHERE email = 'pat@example.org')")).toBe(3);
  });

  it('refuses a used or unknown token with 400, and counts 20 parallel confirmations of one token once', async () => {
    expect((await sign({ name: 'Cy Parallel', email: 'cy@example.org' })).status).toBe(202);
    const token = await linkIn('cy@example.org', '/statement/confirm');
    const { agent, csrf } = await anonymousAgent(t);
    const answers = await Promise.all(Array.from({ length: 20 }, () => agent.post('/api/statement/signatures/confirm').set('X-CSRF-Token', csrf).send({ token })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(400)]);
    expect(await count(t, "statement_signatures WHERE email = 'cy@example.org' AND confirmed_at IS NOT NULL")).toBe(1);
    expect(await count(t, "statement_tokens WHERE purpose = 'confirm' AND used_at IS NOT NULL AND signature_id = (SELECT id FROM statement_signatures WHERE email = 'cy@example.org')")).toBe(1);
    const used = await post('/api/statement/signatures/confirm', { token });
    expect(used.status).toBe(400);
    expect(used.body.errors.token).toHaveLength(1);
    expect((await post('/api/statement/signatures/confirm', { token: 'A'.repeat(43) })).status).toBe(400);
  });

  it('keeps a message private until an admin publishes it, and publishes only what its author allowed', async () => {
    const allowed = await signAndConfirm({ name: 'Dot Writer', email: 'dot@example.org', message: 'Solidarity from <a href="https://evil.example">here</a>\nand love', messagePublic: true });
    const refused = (await t.dataSource.query("SELECT id FROM statement_signatures WHERE email = $1", [HIDDEN_EMAIL]))[0].id;
    await signAndConfirm({ name: 'Eve Pending', email: 'eve@example.org', message: PENDING_MESSAGE, messagePublic: true });
    expect((await publicMessages()).items).toEqual([]);

    const queue = await admin.agent.get('/api/admin/messages?status=pending').expect(200);
    expect(queue.body.items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([allowed, refused]));
    expect(queue.body.items[0].signedAt >= queue.body.items[queue.body.items.length - 1].signedAt).toBe(true);
    expect((await adminPost(`/api/admin/messages/${refused}/publish`)).status).toBe(409);
    const published = await adminPost(`/api/admin/messages/${allowed}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const messages = await publicMessages();
    // Dot chose not to be listed: the message is published without her name.
    expect(messages.items).toEqual([{ name: null, message: expect.stringContaining('Solidarity'), publishedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    const page = await t.http().get('/statement').expect(200);
    expect(page.text).toContain('Solidarity from &lt;a href&#x3D;&quot;https://evil.example&quot;&gt;here&lt;/a&gt;');
    expect(page.text).not.toContain('<a href="https://evil.example"');
    expect((await admin.agent.get('/api/admin/messages?status=published').expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual([allowed]);

    const queuePage = await admin.agent.get('/admin/messages?status=published').expect(200);
    expect(queuePage.text).toContain('Solidarity from &lt;a');
    expect(queuePage.text).not.toContain(PENDING_MESSAGE);
    expect((await admin.agent.get('/admin/messages?page=2').expect(200)).text).toContain('No messages');
    expect((await adminPost(`/api/admin/messages/${allowed}/hide`)).status).toBe(200);
    expect((await publicMessages()).items).toEqual([]);
    expect((await adminPost(`/api/admin/messages/${allowed}/publish`)).status).toBe(200);
    const audits = await t.dataSource.query("SELECT action, subject_id FROM audit_events WHERE action LIKE 'message.%' ORDER BY id");
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['message.publish', 'message.hide', 'message.publish']);
    expect((await adminPost('/api/admin/messages/00000000-0000-4000-8000-000000000000/hide')).status).toBe(404);
    expect((await admin.agent.get('/api/admin/messages?status=nonsense')).status).toBe(400);
  });

  it('exports every message as formula-safe RFC 4180 CSV, audited', async () => {
    await signAndConfirm({ name: 'Fay Formula', email: 'fay@example.org', message: '=HYPERLINK("http://x")', messagePublic: false });
    const res = await admin.agent.get('/api/admin/exports/messages.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(res.text).toContain('\r\n');
    expect(res.text).not.toContain('@example.org');
    expect(await count(t, "audit_events WHERE action = 'export.messages'")).toBe(1);
  });

  it('withdraws a signature everywhere through the emailed link', async () => {
    const id = await signAndConfirm({ name: 'Gil Leaving', email: 'gil@example.org', town: 'Hull', showName: true, message: 'Gil says hello', messagePublic: true });
    await adminPost(`/api/admin/messages/${id}/publish`).expect(200);
    expect((await publicSignatures()).items.map((i: { name: string }) => i.name)).toContain('Gil Leaving');
    const totalBefore = (await publicSignatures()).total;
    const token = await linkIn('gil@example.org', '/statement/withdraw');
    const page = await t.http().get(`/statement/withdraw?token=${token}`).expect(200);
    expect(page.text).toContain('Withdraw my signature');
    expect((await post('/api/statement/signatures/withdraw', { token })).status).toBe(200);

    expect(await count(t, 'statement_signatures WHERE id = $1', [id])).toBe(0);
    expect(await queuedEmails(t, 'gil@example.org')).toEqual([]);
    const after = await publicSignatures();
    expect(after.total).toBe(totalBefore - 1);
    expect(JSON.stringify(after)).not.toContain('Gil');
    expect(JSON.stringify(await publicMessages())).not.toContain('Gil');
    expect((await t.http().get('/statement').expect(200)).text).not.toContain('Gil');
    expect((await t.http().get('/statement/supporters.atom').expect(200)).text).not.toContain('Gil');
    expect((await post('/api/statement/signatures/withdraw', { token })).status).toBe(400);
  });

  it('refuses a bad form field by field, re-rendered with nothing stored; a honeypot answers the same and stores nothing', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const before = await count(t, 'statement_signatures');
    const form = await agent
      .post('/statement/sign')
      .set('X-Forwarded-For', freshIp())
      .type('form')
      .send({ _csrf: csrf, name: 'Bad\u202Ename', email: 'not an email', town: 'x'.repeat(81), message: 'fine' });
    expect(form.status).toBe(400);
    expect(form.text).toContain('There is a problem');
    expect(form.text).toMatch(/Name contains a hidden or control character/);
    expect(form.text).toMatch(/Town must be 80 characters or fewer/);
    const api = await sign({ name: '', email: 'x@example.org', message: 'y'.repeat(2001) });
    expect(api.status).toBe(400);
    expect(Object.keys(api.body.errors)).toEqual(['name', 'message']);

    const trapped = await agent.post('/statement/sign').set('X-Forwarded-For', freshIp()).type('form').send({ _csrf: csrf, name: 'Robot', email: 'robot@example.org', website: 'http://spam.example' });
    expect(trapped.status).toBe(200);
    expect(trapped.text).toContain('Check your email');
    expect(await count(t, 'statement_signatures')).toBe(before);
    expect(await queuedEmails(t, 'robot@example.org')).toEqual([]);
  });

  it('sends one address at most 5 emails an hour, however many connections sign it, answering the same', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await sign({ name: `Quinn ${i}`, email: 'quinn@example.org' }));
    expect(answers.map((a) => a.status)).toEqual(Array(7).fill(202));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await queuedEmails(t, 'quinn@example.org')).toHaveLength(5);
  });

  it('limits signing per client address, in PostgreSQL', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await sign({ name: 'Hal', email: `hal${i}@example.org` }, ip)).status).toBe(202);
    const refused = await sign({ name: 'Hal', email: 'hal9@example.org' }, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count(t, "rate_limits WHERE key LIKE 'statement_sign_address:%'")).toBeGreaterThan(0);
  });

  it('emails a signer a link to download or erase their data, answering the same for any address', async () => {
    await signAndConfirm({ name: 'Ivy Data', email: 'ivy@example.org', town: 'York', message: 'Ivy message' });
    const known = await post('/api/statement/data-requests', { email: 'IVY@example.org' });
    const unknown = await post('/api/statement/data-requests', { email: 'nobody@example.org' });
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(await queuedEmails(t, 'nobody@example.org')).toEqual([]);
    const token = await linkIn('ivy@example.org', '/statement/my-data');
    expect((await t.http().get(`/statement/my-data?token=${token}`).expect(200)).text).toContain('Erase my signature and data');
    const data = await post('/api/statement/data/export', { token });
    expect(data.status).toBe(200);
    expect(data.headers['cache-control']).toBe('no-store');
    expect(data.body.signature).toMatchObject({ name: 'Ivy Data', email: 'ivy@example.org', town: 'York', message: 'Ivy message' });
    expect(data.body.emails.length).toBeGreaterThanOrEqual(2);
    expect((await post('/api/statement/data/erase', { token })).status).toBe(200);
    expect(await count(t, "statement_signatures WHERE email = 'ivy@example.org'")).toBe(0);
    expect(await queuedEmails(t, 'ivy@example.org')).toEqual([]);
    expect((await post('/api/statement/data/export', { token })).status).toBe(400);
  });

  it('gives email updates the confirmed signers who asked for them, and stops them idempotently', async () => {
    const id = await signAndConfirm({ name: 'Jo Updates', email: 'jo@example.org', updates: true });
    await sign({ name: 'Kim Unconfirmed', email: 'kim@example.org', updates: true });
    const service = t.app.get(StatementService);
    const recipients = await service.updateRecipients();
    expect(recipients).toContainEqual({ ref: id, email: 'jo@example.org', name: 'Jo Updates' });
    expect(recipients.map((r) => r.email)).not.toContain('kim@example.org');
    await service.stopUpdates(id);
    await service.stopUpdates(id);
    await service.stopUpdates('not-a-ref');
    await service.stopUpdates('00000000-0000-4000-8000-000000000000');
    expect((await service.updateRecipients()).map((r) => r.ref)).not.toContain(id);
  });

  it('deletes signatures never confirmed after 7 days, and no confirmed one', async () => {
    await sign({ name: 'Lee Late', email: 'lee@example.org' });
    await t.dataSource.query("UPDATE statement_signatures SET created_at = now() - interval '8 days' WHERE email IN ('lee@example.org', 'ada@example.org')");
    const removed = await t.app.get(RetentionService).run('unconfirmed-signatures');
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await count(t, "statement_signatures WHERE email = 'lee@example.org'")).toBe(0);
    expect(await count(t, "statement_signatures WHERE email = 'ada@example.org'")).toBe(1);
  });

  it('revalidates the public JSON with ETags', async () => {
    const first = await t.http().get('/api/public/signatures').expect(200);
    expect(first.headers.etag).toBeDefined();
    expect(first.headers['access-control-allow-origin']).toBe('*');
    await t.http().get('/api/public/signatures').set('If-None-Match', first.headers.etag).expect(304);
    expect((await t.http().get('/api/public/signatures?page=0')).status).toBe(400);
    expect((await t.http().get('/api/public/signatures?pgae=2')).status).toBe(400);
  });

  it('never shows an email, an unlisted name or town, or an unpublished message on any public surface', async () => {
    const surfaces = [
      '/',
      '/statement',
      '/statement?supporters=2',
      '/statement/supporters.atom',
      '/statement/sign',
      '/statement/my-data',
      '/api/public/signatures',
      '/api/public/messages',
      '/api/public/affiliates',
      '/affiliates',
      '/affiliates/feed.atom',
      '/embed/affiliates',
    ];
    const leaks: string[] = [];
    // A signature's id is the reference email updates unsubscribe by: never public either.
    const ids = (await t.dataSource.query('SELECT id FROM statement_signatures')).map((r: { id: string }) => r.id as string);
    for (const url of surfaces) {
      const res = await t.http().get(url);
      const body = `${JSON.stringify(res.headers)}\n${res.text}`;
      if (body.toLowerCase().includes(MARK)) leaks.push(url);
      if (body.includes('@example.org')) leaks.push(`${url} (an email address)`);
      if (ids.some((id: string) => body.includes(id))) leaks.push(`${url} (a signature id)`);
    }
    expect(leaks).toEqual([]);
    // The markers are there to be found: the crawl would see them if they leaked.
    expect(await count(t, 'statement_signatures WHERE email = $1 AND town = $2 AND message = $3', [HIDDEN_EMAIL, HIDDEN_TOWN, PRIVATE_MESSAGE])).toBe(1);
    expect(await count(t, "statement_signatures WHERE message = $1 AND message_status = 'pending'", [PENDING_MESSAGE])).toBe(1);
  });
});
