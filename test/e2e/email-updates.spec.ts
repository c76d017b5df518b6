import { ConfigService } from '@nestjs/config';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../../src/config';
import request from 'supertest';
import type { User } from '../../src/users/user.entity';
import { RetentionService } from '../../src/retention/retention.service';
import { count } from '../factories/branches.factory';
import { makeApprovedAffiliation, makeBranch, makeSecretary, makeSubmittedAffiliation } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, TEST_PASSWORD, type SignedIn } from '../utils/auth';
import { startSmtpSink, type SmtpSink, type SunkMessage } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const TOKEN_IN_LINK = /\/unsubscribe\/([A-Za-z0-9_-]{43})/;

describe('email updates to the secretaries of affiliated branches', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: SignedIn;
  let optedOut: SignedIn;
  let affiliated: User[];
  let notAffiliated: User;

  const withSubject = (subject: string): SunkMessage[] => sink.messages.filter((m) => m.subject === subject);
  const updatesOn = async (id: string): Promise<boolean> => (await t.dataSource.query('SELECT email_updates FROM users WHERE id = $1', [id]))[0].email_updates;

  /** Sends an update through the API and waits until every email of it reached the SMTP server. */
  async function sendUpdate(subject: string, requestKey?: string): Promise<{ id: string; recipients: number }> {
    const post = () =>
      admin.agent
        .post('/api/admin/updates')
        .set('X-CSRF-Token', admin.csrf)
        .send({ subject, body: 'The campaign has news.\n\nRead [the statement](https://example.org/statement).', audiences: ['branches'], requestKey });
    // With a key, the request is sent twice at once, as a double click would: both answer with the one update.
    const [res, again] = await Promise.all([post(), requestKey ? post() : undefined]);
    expect(res.status).toBe(202);
    if (again) expect(again.body).toEqual(res.body);
    expect(res.body).toEqual({ id: expect.any(String), recipients: expect.any(Number) });
    const created = res.body as { id: string; recipients: number };
    await until(async () => (await count(t, 'email_updates WHERE id = $1 AND completed_at IS NOT NULL', [created.id])) === 1);
    await until(() => withSubject(subject).length >= created.recipients);
    return created;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1', UPDATES_BATCH_SIZE: '2', UPDATES_BATCH_PAUSE_SECONDS: '0' },
    });
    admin = await signInAdmin(t, { email: 'updates.admin@example.org' });
    // Three affiliated secretaries; the second runs two affiliated branches (one email all the same).
    affiliated = [];
    for (const name of ['Ada', 'Bea', 'Cal']) affiliated.push(await makeSecretary(t, { email: `${name.toLowerCase()}.updates@example.org`, name: `${name} Quillfeather` }));
    for (const secretary of affiliated) await makeApprovedAffiliation(t, { secretary });
    await makeApprovedAffiliation(t, { secretary: affiliated[1] });
    // Affiliated, but turned updates off on My account.
    optedOut = await signUpSecretary(t, { email: 'off.updates@example.org' });
    await makeApprovedAffiliation(t, { secretary: optedOut.user });
    const off = await optedOut.agent.put('/api/me/email-updates').set('X-CSRF-Token', optedOut.csrf).send({ enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ enabled: false });
    // Only submitted: not affiliated yet.
    notAffiliated = await makeSecretary(t, { email: 'waiting.updates@example.org' });
    await makeSubmittedAffiliation(t, { branch: await makeBranch(t, { secretary: notAffiliated }), secretary: notAffiliated });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('reaches each affiliated secretary exactly once, with the one-click unsubscribe headers and a link in the body', async () => {
    const { id, recipients } = await sendUpdate('Where We Stand: news for branches');
    expect(recipients).toBe(3);
    await sleep(1500); // a few more rounds of both workers: nothing goes twice
    const received = sink.attempts.filter((m) => m.subject === 'Where We Stand: news for branches');
    expect(received.flatMap((m) => m.to).sort()).toEqual(affiliated.map((u) => u.email).sort());
    for (const message of received) {
      const token = TOKEN_IN_LINK.exec(message.headers['list-unsubscribe'] ?? '')?.[1];
      expect(message.headers['list-unsubscribe']).toBe(`<${t.app.get(ConfigService).getOrThrow<AppConfig>('app').publicUrl}/unsubscribe/${token}>`);
      expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(message.text).toContain(`/unsubscribe/${token}`);
      expect(message.html).toContain('<a href="https://example.org/statement">the statement</a>');
    }
    expect(new Set(received.map((m) => m.headers['list-unsubscribe'])).size).toBe(3);
    expect(await count(t, `audit_events WHERE action = 'update.sent' AND subject_id = $1`, [id])).toBe(1);
    // Only hashes are stored.
    const token = TOKEN_IN_LINK.exec(received[0]!.text)![1]!;
    expect(await count(t, 'email_update_deliveries WHERE token_hash = $1', [token])).toBe(0);

    const list = await admin.agent.get('/api/admin/updates').expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id, recipients: 3, sent: 3, completedAt: expect.any(String), audiences: ['branches'] }] });
    const page = await admin.agent.get('/admin/updates').expect(200);
    expect(page.text).toContain('Sent: 3 of 3');
  }, 30_000);

  it('unsubscribes with a mail client’s one-click POST: no session, no CSRF token', async () => {
    const message = withSubject('Where We Stand: news for branches').find((m) => m.to[0] === affiliated[0]!.email)!;
    const token = TOKEN_IN_LINK.exec(message.headers['list-unsubscribe']!)![1]!;
    const res = await request(t.app.getHttpServer()).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await updatesOn(affiliated[0]!.id)).toBe(false);
    expect(await count(t, `audit_events WHERE action = 'account.email_updates_off' AND subject_id = $1`, [affiliated[0]!.id])).toBe(1);
    // Again: harmless. And as RFC 8058 prefers it, multipart/form-data.
    await request(t.app.getHttpServer()).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await request(t.app.getHttpServer()).post(`/unsubscribe/${token}`).field('List-Unsubscribe', 'One-Click').expect(200);
  });

  it('unsubscribes through the page: opening the link changes nothing, its button does', async () => {
    const message = withSubject('Where We Stand: news for branches').find((m) => m.to[0] === affiliated[2]!.email)!;
    const token = TOKEN_IN_LINK.exec(message.text)![1]!;
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get(`/unsubscribe/${token}`).expect(200);
    expect(page.text).toContain(`<form method="post" action="/unsubscribe/${token}">`);
    expect(await updatesOn(affiliated[2]!.id)).toBe(true);
    const done = await agent.post(`/unsubscribe/${token}`).type('form').send('');
    expect(done.status).toBe(200);
    expect(done.text).toContain('You will get no more updates');
    expect(await updatesOn(affiliated[2]!.id)).toBe(false);
    const after = await agent.get(`/unsubscribe/${token}`).expect(200);
    expect(after.text).toContain('You will get no more updates');
    // A public page: it never says whose link it is.
    for (const body of [page.text, done.text, after.text]) {
      expect(body).not.toContain(affiliated[2]!.email);
      expect(body).not.toContain(affiliated[2]!.name);
    }
  });

  it('answers an unknown or malformed link with a plain 404, and exempts no other route from CSRF', async () => {
    const server = t.app.getHttpServer();
    for (const token of ['A'.repeat(43), 'short', 'x'.repeat(64)]) {
      expect((await request(server).get(`/unsubscribe/${token}`)).status).toBe(404);
      expect((await request(server).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click')).status).toBe(404);
    }
    expect((await request(server).post(`/unsubscribe/${'A'.repeat(43)}/extra`)).status).toBe(403);
    expect((await optedOut.agent.post('/account/email-updates').type('form').send('enabled=true')).status).toBe(403);
    expect((await optedOut.agent.put('/api/me/email-updates').send({ enabled: true })).status).toBe(403);
    expect((await admin.agent.post('/api/admin/updates').send({ subject: 'No token', body: 'This has no CSRF token.', audiences: ['branches'] })).status).toBe(403);
  });

  it('a secretary turns updates off and on from My account, and the export says which', async () => {
    const page = await optedOut.agent.get('/account').expect(200);
    expect(page.text).toContain('Campaign email updates');
    expect(page.text).toMatch(/id="field-updates-enabled-no" name="enabled" value="false" checked/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const on = await optedOut.agent.post('/account/email-updates').type('form').send({ _csrf: csrf, enabled: 'true' });
    expect(on.status).toBe(303);
    expect((await optedOut.agent.get('/api/me/email-updates').expect(200)).body).toEqual({ enabled: true });
    const exported = await optedOut.agent.get('/api/me/export').expect(200);
    expect(exported.body.account.emailUpdates).toBe(true);
    expect((await optedOut.agent.get('/account/data').expect(200)).text).toMatch(/<dt>Campaign email updates<\/dt><dd>On<\/dd>/);
    const off = await optedOut.agent.put('/api/me/email-updates').set('X-CSRF-Token', optedOut.csrf).send({ enabled: 'maybe' });
    expect(off.status).toBe(400);
    expect(off.body.errors.enabled).toBeDefined();
    expect(await count(t, `audit_events WHERE action = 'account.email_updates_on' AND subject_id = $1`, [optedOut.user.id])).toBe(1);
  });

  it('a second update leaves out those who unsubscribed and includes who turned updates back on', async () => {
    const { recipients } = await sendUpdate('Second update');
    expect(recipients).toBe(2);
    expect(withSubject('Second update').flatMap((m) => m.to).sort()).toEqual([affiliated[1]!.email, optedOut.user.email].sort());
  }, 30_000);

  it('refuses unknown audiences, none at all, and non-admins', async () => {
    const send = (body: object) => admin.agent.post('/api/admin/updates').set('X-CSRF-Token', admin.csrf).send(body);
    const text = { subject: 'A subject', body: 'A body long enough.' };
    expect((await send({ ...text, audiences: [] })).body.errors.audiences).toBeDefined();
    expect((await send({ ...text, audiences: ['everyone'] })).status).toBe(400);
    expect((await send({ subject: 'x', body: 'y', audiences: ['branches'] })).body.errors).toMatchObject({ subject: expect.any(Array), body: expect.any(Array) });
    const bidi = await send({ subject: 'News \u202e reversed', body: 'A body\u0007 with a bell.', audiences: ['branches'] });
    expect(bidi.body.errors).toMatchObject({ subject: [expect.stringMatching(/U\+202E/)], body: [expect.stringMatching(/U\+0007/)] });
    const secretary = await optedOut.agent.post('/api/admin/updates').set('X-CSRF-Token', optedOut.csrf).send({ ...text, audiences: ['branches'] });
    expect(secretary.status).toBe(403);
  });

  it('previews, counts and sends a sample to the admin alone, audited', async () => {
    const preview = await admin.agent.post('/api/admin/updates/preview').set('X-CSRF-Token', admin.csrf).send({ body: '# News\n\n<b>bold</b>' }).expect(200);
    expect(preview.body.html).toContain('<h1>News</h1>');
    expect(preview.body.html).toContain('&lt;b&gt;');
    const counted = await admin.agent.post('/api/admin/updates/recipients').set('X-CSRF-Token', admin.csrf).send({ audiences: ['branches'] }).expect(200);
    expect(counted.body).toEqual({ recipients: 2 });
    await admin.agent.post('/api/admin/updates/sample').set('X-CSRF-Token', admin.csrf).send({ subject: 'Sample me', body: 'Just for the admin.' }).expect(202);
    const sample = await sink.waitFor((m) => m.subject === '[Sample] Sample me');
    expect(sample.to).toEqual([admin.user.email]);
    expect(sample.headers['list-unsubscribe']).toBeUndefined();
    expect(await count(t, `audit_events WHERE action = 'update.sample_sent' AND actor_id = $1`, [admin.user.id])).toBe(1);
  });

  it('documents every operation in the OpenAPI contract: the one-click unsubscribe public and without CSRF', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body;
    const op = (method: string, path: string) => doc.paths[path]?.[method];
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    expect(op('post', '/api/admin/updates').responses['202'].content['application/json'].schema).toEqual(ref('CreatedUpdateDto'));
    expect(op('post', '/api/admin/updates').security).toEqual([{ adminSession: [], csrf: [] }]);
    expect(op('get', '/api/admin/updates').responses['200'].content['application/json'].schema).toEqual(ref('UpdateSummaryPageDto'));
    expect(op('get', '/api/admin/updates/{id}').responses['404']).toBeDefined();
    for (const path of ['/api/admin/updates/preview', '/api/admin/updates/recipients', '/api/admin/updates/sample']) expect(op('post', path).responses['400']).toBeDefined();
    expect(op('get', '/api/me/email-updates').responses['200'].content['application/json'].schema).toEqual(ref('EmailUpdatesDto'));
    expect(op('put', '/api/me/email-updates').security).toEqual([{ session: [], csrf: [] }]);
    const unsubscribe = op('post', '/unsubscribe/{token}');
    expect(unsubscribe.security).toEqual([]);
    expect(unsubscribe.responses['200'].content).toEqual({ 'text/html': { schema: { type: 'string' } } });
    expect(unsubscribe.responses['404']).toBeDefined();
    expect(unsubscribe.responses['403']).toBeUndefined();
    expect(op('get', '/unsubscribe/{token}')).toBeUndefined();
    expect(doc.components.schemas.UpdateAudience.enum).toEqual(['supporters', 'branches']);
  });

  it('forgets who each update went to after the retention period, keeping the counts and the links', async () => {
    await t.dataSource.query(`UPDATE email_update_deliveries SET sent_at = sent_at - interval '8 days'`);
    const forgotten = await t.app.get(RetentionService).run('update-addresses');
    expect(forgotten).toBe(5);
    expect(await count(t, 'email_update_deliveries WHERE email IS NOT NULL OR name IS NOT NULL')).toBe(0);
    const list = await admin.agent.get('/api/admin/updates').expect(200);
    expect(list.body.items.map((u: { recipients: number; sent: number }) => [u.recipients, u.sent])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    const message = withSubject('Second update').find((m) => m.to[0] === affiliated[1]!.email)!;
    const token = TOKEN_IN_LINK.exec(message.text)![1]!;
    await request(t.app.getHttpServer()).post(`/unsubscribe/${token}`).expect(200);
    expect(await updatesOn(affiliated[1]!.id)).toBe(false);
  });

  it('forgets a person’s address on every update when they delete their account', async () => {
    const { id } = await sendUpdate('Third update', '6f1d1f2e-8a4b-4c3d-9e2f-1a2b3c4d5e6f');
    expect(await count(t, `email_updates WHERE subject = 'Third update'`)).toBe(1);
    expect(withSubject('Third update')).toHaveLength(1);
    expect(await count(t, 'email_update_deliveries WHERE email = $1', [optedOut.user.email])).toBe(1);
    await optedOut.agent.post('/api/me/delete').set('X-CSRF-Token', optedOut.csrf).send({ currentPassword: TEST_PASSWORD, confirm: 'DELETE' }).expect(204);
    expect(await count(t, 'email_update_deliveries WHERE email = $1', [optedOut.user.email])).toBe(0);
    expect(await count(t, 'email_updates WHERE id = $1 AND sent_count <= recipient_count', [id])).toBe(1);
  }, 30_000);
});
