import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type { User } from '../../src/users/user.entity';
import { count, queuedEmails } from '../factories/branches.factory';
import { makeApprovedAffiliation, makeSecretary } from '../factories/database.factory';
import { anonymousAgent, signInAdmin, type SignedIn } from '../utils/auth';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const TOKEN_IN_LINK = /\/unsubscribe\/([A-Za-z0-9_-]{43})/;

let ipCounter = 10;
const freshIp = (): string => `203.0.113.${ipCounter++}`;

describe('email updates to the statement’s supporters and the affiliated secretaries together', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: SignedIn;
  let secretaryWhoSigned: User;
  let secretaryOnly: User;

  const post = async (url: string, body: Record<string, unknown>) => {
    const { agent, csrf } = await anonymousAgent(t);
    return agent.post(url).set('X-CSRF-Token', csrf).set('X-Forwarded-For', freshIp()).send(body);
  };
  const sign = (email: string, updates: boolean) => post('/api/statement/signatures', { name: `Signer ${email.split('@')[0]}`, email, showName: false, updates });
  const confirm = async (email: string) => {
    const [latest] = await queuedEmails(t, email);
    const token = /\/statement\/confirm\?token=([A-Za-z0-9_-]{43})/.exec(latest!.text)![1];
    expect((await post('/api/statement/signatures/confirm', { token })).status).toBe(200);
  };
  const signatureUpdates = async (email: string): Promise<boolean> =>
    (await t.dataSource.query('SELECT updates FROM statement_signatures WHERE email = $1 AND confirmed_at IS NOT NULL', [email]))[0].updates;
  const accountUpdates = async (id: string): Promise<boolean> => (await t.dataSource.query('SELECT email_updates FROM users WHERE id = $1', [id]))[0].email_updates;

  async function sendUpdate(subject: string): Promise<{ id: string; recipients: number }> {
    const res = await admin.agent
      .post('/api/admin/updates')
      .set('X-CSRF-Token', admin.csrf)
      .send({ subject, body: 'News from the campaign.', audiences: ['supporters', 'branches'] });
    expect(res.status).toBe(202);
    const created = res.body as { id: string; recipients: number };
    await until(async () => (await count(t, 'email_updates WHERE id = $1 AND completed_at IS NOT NULL', [created.id])) === 1);
    await until(() => sink.messages.filter((m) => m.subject === subject).length >= created.recipients);
    return created;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1', UPDATES_BATCH_SIZE: '2', UPDATES_BATCH_PAUSE_SECONDS: '0', TRUST_PROXY_HOPS: '1' },
    });
    admin = await signInAdmin(t, { email: 'supporters.admin@example.org' });
    secretaryWhoSigned = await makeSecretary(t, { email: 'both@example.org', name: 'Both Roles' });
    secretaryOnly = await makeSecretary(t, { email: 'secretary.only@example.org', name: 'Only Secretary' });
    await makeApprovedAffiliation(t, { secretary: secretaryWhoSigned });
    await makeApprovedAffiliation(t, { secretary: secretaryOnly });
    for (const [email, updates] of [['supporter.one@example.org', true], ['no.updates@example.org', false], ['both@example.org', true], ['unconfirmed@example.org', true]] as const) {
      expect((await sign(email, updates)).status).toBe(202);
      if (email !== 'unconfirmed@example.org') await confirm(email);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('reaches each opted-in supporter and each affiliated secretary exactly once, an address in both once', async () => {
    const { recipients } = await sendUpdate('Campaign news for everyone');
    expect(recipients).toBe(3);
    await sleep(1500); // more rounds of both workers: nothing goes twice
    const received = sink.attempts.filter((m) => m.subject === 'Campaign news for everyone');
    expect(received.flatMap((m) => m.to).sort()).toEqual(['both@example.org', 'secretary.only@example.org', 'supporter.one@example.org']);
    const toSupporter = received.find((m) => m.to[0] === 'supporter.one@example.org')!;
    expect(toSupporter.text).toContain('you signed the Where We Stand statement');
    expect(toSupporter.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  }, 30_000);

  it('one-click unsubscribe stops a supporter’s updates and keeps the signature counted', async () => {
    const before = (await t.http().get('/api/public/signatures').expect(200)).body.total;
    const message = sink.messages.find((m) => m.subject === 'Campaign news for everyone' && m.to[0] === 'supporter.one@example.org')!;
    const token = TOKEN_IN_LINK.exec(message.headers['list-unsubscribe']!)![1];
    await request(t.app.getHttpServer()).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await signatureUpdates('supporter.one@example.org')).toBe(false);
    expect((await t.http().get('/api/public/signatures').expect(200)).body.total).toBe(before);
    expect(await count(t, `audit_events WHERE action = 'signature.email_updates_off'`)).toBe(1);
  });

  it('the page’s button stops every update to an address that is both a supporter and a secretary', async () => {
    const message = sink.messages.find((m) => m.subject === 'Campaign news for everyone' && m.to[0] === 'both@example.org')!;
    const token = TOKEN_IN_LINK.exec(message.text)![1];
    const agent = request.agent(t.app.getHttpServer());
    await agent.get(`/unsubscribe/${token}`).expect(200);
    expect(await signatureUpdates('both@example.org')).toBe(true);
    const done = await agent.post(`/unsubscribe/${token}`).type('form').send('');
    expect(done.status).toBe(200);
    expect(await signatureUpdates('both@example.org')).toBe(false);
    expect(await accountUpdates(secretaryWhoSigned.id)).toBe(false);

    const { recipients } = await sendUpdate('Second news');
    expect(recipients).toBe(1);
    expect(sink.messages.filter((m) => m.subject === 'Second news').flatMap((m) => m.to)).toEqual([secretaryOnly.email]);
  }, 30_000);
});
