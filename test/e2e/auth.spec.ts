import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { User } from '../../src/users/user.entity';
import { anonymousAgent, createUser, signInAdmin, signUpSecretary, TEST_PASSWORD, totpCode } from '../utils/auth';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { queuedEmails } from '../factories/branches.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='))?.split(';')[0];

describe('accounts and sessions (API)', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1', TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const users = () => t.dataSource.getRepository(User);

  it('registers, emails a single-use verification link, and verifies the address', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const email = 'New.Secretary@Example.org';
    const res = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email, password: 'a long enough passphrase', name: 'Nia Secretary' });
    expect(res.status).toBe(202);
    const user = await users().findOneByOrFail({ email: 'new.secretary@example.org' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(user.emailVerifiedAt).toBeNull();

    const mail = await sink.waitFor((m) => m.to.includes('new.secretary@example.org') && /confirm/i.test(m.subject));
    const token = /verify-email\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await agent.post('/api/auth/verify-email').set('X-CSRF-Token', csrf).send({ token }).expect(200);
    expect((await users().findOneByOrFail({ id: user.id })).emailVerifiedAt).not.toBeNull();
    // Single use.
    const again = await agent.post('/api/auth/verify-email').set('X-CSRF-Token', csrf).send({ token });
    expect(again.status).toBe(400);
  });

  it('answers register, sign-in and reset identically for known and unknown addresses', async () => {
    const known = await createUser(t, { email: 'known@example.org' });
    const { agent, csrf } = await anonymousAgent(t);
    const pairs: [string, Record<string, string>, Record<string, string>][] = [
      ['/api/auth/register', { email: known.email, password: 'another fine passphrase', name: 'X' }, { email: 'nobody-1@example.org', password: 'another fine passphrase', name: 'X' }],
      ['/api/auth/login', { email: known.email, password: 'wrong password here' }, { email: 'nobody-2@example.org', password: 'wrong password here' }],
      ['/api/auth/password-reset/request', { email: known.email }, { email: 'nobody-3@example.org' }],
    ];
    for (const [path, a, b] of pairs) {
      const ra = await agent.post(path).set('X-CSRF-Token', csrf).send(a);
      const rb = await agent.post(path).set('X-CSRF-Token', csrf).send(b);
      expect({ path, status: ra.status, body: ra.body }).toEqual({ path, status: rb.status, body: rb.body });
    }
    // Registering an unknown address did create it; the known one was not duplicated or changed.
    expect(await users().countBy({ email: known.email })).toBe(1);
    expect((await users().findOneByOrFail({ id: known.id })).name).toBe(known.name);
  });

  it('answers 20 parallel registrations of one address alike (202), with one account and at most one "already registered" email', async () => {
    const email = 'race.registration@example.org';
    const clients = await Promise.all(Array.from({ length: 20 }, () => anonymousAgent(t)));
    const results = await Promise.all(
      clients.map(({ agent, csrf }) => agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email, password: 'a long enough passphrase', name: 'Rae Race' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await users().countBy({ email })).toBe(1);
    const mails = await queuedEmails(t, email);
    expect(mails.filter((m) => /confirm/i.test(m.subject))).toHaveLength(1);
    expect(mails.filter((m) => /already have an account/i.test(m.subject)).length).toBeLessThanOrEqual(1);
  });

  it('treats NFC and NFD spellings of an address as one account', async () => {
    const nfc = 'ren\u00e9e.nfc@example.org';
    const nfd = 'rene\u0301e.nfc@example.org';
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: nfc, password: 'a long enough passphrase', name: 'Renée' }).expect(202);
    const second = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: nfd, password: 'another long passphrase', name: 'Renee' });
    expect(second.status).toBe(202);
    const rows: { email: string }[] = await t.dataSource.query(`SELECT email FROM users WHERE email LIKE 'ren%nfc@example.org'`);
    expect(rows).toEqual([{ email: nfc }]);
    // And signing in with either spelling reaches it.
    const user = await users().findOneByOrFail({ email: nfc });
    await t.dataSource.getRepository(User).update({ id: user.id }, { passwordHash: (await createUser(t)).passwordHash });
    await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: nfd, password: TEST_PASSWORD }).expect(200);
  });

  it('refuses invisible characters in an email address with a field message', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'zero\u200Bwidth@example.org', password: 'a long enough passphrase', name: 'Z' });
    expect(res.status).toBe(400);
    expect(res.body.errors.email).toEqual([expect.stringMatching(/hidden character \(U\+200B\)/)]);
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email LIKE 'zero%'`)).toEqual([]);
  });

  it('sends one "already registered" email per address in a quiet period, however often it is tried', async () => {
    const known = await createUser(t, { email: 'quiet.period@example.org' });
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 3; i++) {
      await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'Quiet.Period@example.org', password: 'a long enough passphrase', name: 'Q' }).expect(202);
    }
    expect((await queuedEmails(t, known.email)).filter((m) => /already have an account/i.test(m.subject))).toHaveLength(1);
  });

  it('signs in on a new session id, and an old cookie after sign-out gets 401', async () => {
    const user = await createUser(t);
    const { agent, csrf } = await anonymousAgent(t);
    const before = (await agent.get('/api/csrf')).headers['set-cookie'];
    const login = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const signedInCookie = cookieOf(login);
    expect(signedInCookie).toBeDefined();
    expect(signedInCookie).not.toEqual(before ? cookieOf({ headers: { 'set-cookie': before } } as unknown as request.Response) : undefined);
    expect(login.body).toEqual({
      mfaRequired: false,
      user: { id: user.id, email: user.email, name: user.name, role: 'secretary', emailVerified: true },
      csrfToken: expect.any(String),
    });

    const me = await request(t.app.getHttpServer()).get('/api/me').set('Cookie', signedInCookie!).expect(200);
    expect(me.body.email).toBe(user.email);

    await agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken).expect(204);
    await request(t.app.getHttpServer()).get('/api/me').set('Cookie', signedInCookie!).expect(401);
  });

  it('never signs in a session id planted before sign-in (no fixation)', async () => {
    const user = await createUser(t);
    // The attacker gets a session from the site and plants its cookie in the victim's browser.
    const plantedRes = await request(t.app.getHttpServer()).get('/api/csrf');
    const plantedCookie = cookieOf(plantedRes)!;
    const victim = await request(t.app.getHttpServer())
      .post('/api/auth/login')
      .set('Cookie', plantedCookie)
      .set('X-CSRF-Token', plantedRes.body.token)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    expect(cookieOf(victim)).not.toEqual(plantedCookie);
    await request(t.app.getHttpServer()).get('/api/me').set('Cookie', plantedCookie).expect(401);
    await request(t.app.getHttpServer()).get('/api/me').set('Cookie', cookieOf(victim)!).expect(200);
  });

  it('refuses a state change without a valid CSRF token (403) and changes nothing', async () => {
    const { agent, user } = await signUpSecretary(t, { name: 'Before Name' });
    const missing = await agent.patch('/api/me').send({ name: 'After Name' });
    expect(missing.status).toBe(403);
    const wrong = await agent.patch('/api/me').set('X-CSRF-Token', 'x'.repeat(64)).send({ name: 'After Name' });
    expect(wrong.status).toBe(403);
    expect((await users().findOneByOrFail({ id: user.id })).name).toBe('Before Name');
    // The same session's own token passes.
    const token = (await agent.get('/api/csrf')).body.token;
    await agent.patch('/api/me').set('X-CSRF-Token', token).send({ name: 'After Name' }).expect(200);
  });

  it('refuses a role or any unknown field in a body with 400, storing nothing', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'sneaky@example.org', password: 'a long enough passphrase', name: 'Sneaky', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.errors.role).toEqual(['role is not a field you can set']);
    const res2 = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'sneaky@example.org', password: 'a long enough passphrase', name: 'Sneaky', isAdmin: true });
    expect(res2.status).toBe(400);
    expect(await users().countBy({ email: 'sneaky@example.org' })).toBe(0);
    const me = await signUpSecretary(t);
    const patch = await me.agent.patch('/api/me').set('X-CSRF-Token', me.csrf).send({ name: 'Fine', role: 'admin' });
    expect(patch.status).toBe(400);
    expect((await users().findOneByOrFail({ id: me.user.id })).role).toBe('secretary');
  });

  it('gives field messages for a short or common password and a bad email', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const short = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'not-an-email', password: 'short', name: 'A' });
    expect(short.status).toBe(400);
    expect(short.body.errors.email).toEqual(['Enter an email address like name@example.org']);
    const weak = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'weak@example.org', password: 'short', name: 'A' });
    expect(weak.body.errors.password[0]).toMatch(/at least 12 characters/);
    const common = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'weak@example.org', password: 'password1234', name: 'A' });
    expect(common.body.errors.password[0]).toMatch(/too common/);
    const bidi = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).send({ email: 'weak@example.org', password: 'a long enough passphrase', name: 'Evil\u202Egnp.exe' });
    expect(bidi.status).toBe(400);
    expect(bidi.body.errors.name[0]).toMatch(/U\+202E/);
    expect(await users().countBy({ email: 'weak@example.org' })).toBe(0);
  });

  it('refuses a 1 MB password quickly, without hashing it', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const started = Date.now();
    const res = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: 'x@example.org', password: 'p'.repeat(1024 * 1024) });
    expect([400, 413]).toContain(res.status);
    expect(Date.now() - started).toBeLessThan(2000);
    const long = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: 'x@example.org', password: 'p'.repeat(257) });
    expect(long.status).toBe(400);
    expect(long.body.errors.password).toEqual(['Password must be at most 256 characters']);
  });

  it('answers the 11th failed sign-in within a minute with 429 and Retry-After, whatever X-Forwarded-For says', async () => {
    const user = await createUser(t);
    const { agent, csrf } = await anonymousAgent(t);
    for (let i = 0; i < 10; i++) {
      // The client may prepend anything; with one trusted hop only the proxy's entry counts.
      const res = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).set('X-Forwarded-For', `10.9.${i}.1, 203.0.113.7`).send({ email: user.email, password: 'not the password!' });
      expect(res.status).toBe(401);
    }
    const blocked = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).set('X-Forwarded-For', '198.51.100.99, 203.0.113.7').send({ email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts from the same address are limited too, once the address's own budget is used up.
    const failures = await t.dataSource.getRepository(AuditEvent).countBy({ action: 'auth.login_failed', subjectId: user.id });
    expect(failures).toBe(10);
  });

  it('limits by client address across accounts, counting only the trusted hop', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).set('X-Forwarded-For', `192.0.2.${i}, 203.0.113.50`).send({ email: `nobody-${i}@example.org`, password: 'not the password!' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('forbids secretaries on admin routes (403) and requires the second factor of admins', async () => {
    const secretary = await signUpSecretary(t);
    await secretary.agent.get('/api/admin/users').expect(403);
    const page = await secretary.agent.get('/admin/users').set('Accept', 'text/html');
    expect(page.status).toBe(403);

    const admin = await createUser(t, { role: 'admin', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    const { agent, csrf } = await anonymousAgent(t);
    const first = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: admin.email, password: TEST_PASSWORD }).expect(200);
    expect(first.body).toEqual({ mfaRequired: true, csrfToken: expect.any(String) });
    await agent.get('/api/admin/users').expect(401);
    await agent.get('/api/me').expect(401);
    const wrong = await agent.post('/api/auth/mfa').set('X-CSRF-Token', first.body.csrfToken).send({ code: '000000' });
    expect(wrong.status).toBe(400);
    const ok = await agent.post('/api/auth/mfa').set('X-CSRF-Token', first.body.csrfToken).send({ code: totpCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') }).expect(200);
    expect(ok.body).toEqual({ mfaRequired: false, user: expect.objectContaining({ id: admin.id, role: 'admin' }), csrfToken: expect.any(String) });
    await agent.get('/api/admin/users').expect(200);
  });

  it('refuses a replayed TOTP code', async () => {
    const admin = await signInAdmin(t);
    const { agent, csrf } = await anonymousAgent(t);
    const first = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: admin.user.email, password: TEST_PASSWORD }).expect(200);
    const replay = await agent.post('/api/auth/mfa').set('X-CSRF-Token', first.body.csrfToken).send({ code: admin.totpCodeUsed });
    expect(replay.status).toBe(400);
  });

  it('takes a disabled account or a role change into effect at once', async () => {
    const admin = await signInAdmin(t);
    const secretary = await signUpSecretary(t);
    await secretary.agent.get('/api/me').expect(200);
    await admin.agent.post(`/api/admin/users/${secretary.user.id}/disable`).set('X-CSRF-Token', admin.csrf).expect(200);
    await secretary.agent.get('/api/me').expect(401);
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'user.disabled', subjectId: secretary.user.id });
    expect(audit.actorId).toBe(admin.user.id);

    const other = await signInAdmin(t);
    await admin.agent.post(`/api/admin/users/${other.user.id}/role`).set('X-CSRF-Token', admin.csrf).send({ role: 'secretary' }).expect(200);
    await other.agent.get('/api/admin/users').expect(401);
  });

  it('resets a password by emailed single-use link and ends every session', async () => {
    const user = await createUser(t, { email: 'forgetful@example.org' });
    const session = await signUpSecretary(t, { email: 'other-forgetful@example.org' });
    const signedIn = await anonymousAgent(t);
    await signedIn.agent.post('/api/auth/login').set('X-CSRF-Token', signedIn.csrf).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    await signedIn.agent.get('/api/me').expect(200);

    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/api/auth/password-reset/request').set('X-CSRF-Token', csrf).send({ email: 'Forgetful@example.org' }).expect(202);
    const mail = await sink.waitFor((m) => m.to.includes('forgetful@example.org') && /reset/i.test(m.subject));
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)![1];
    await agent.post('/api/auth/password-reset').set('X-CSRF-Token', csrf).send({ token, password: 'a brand new passphrase' }).expect(200);
    await signedIn.agent.get('/api/me').expect(401);
    const reuse = await agent.post('/api/auth/password-reset').set('X-CSRF-Token', csrf).send({ token, password: 'yet another passphrase' });
    expect(reuse.status).toBe(400);
    const login = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: user.email, password: 'a brand new passphrase' });
    expect(login.status).toBe(200);
    await session.agent.get('/api/me').expect(200);
    const events = await t.dataSource.getRepository(AuditEvent).findBy({ subjectId: user.id });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.password_reset_requested', 'auth.password_reset', 'auth.login']));
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('changes the password, ending other sessions but keeping this one', async () => {
    const a = await signUpSecretary(t);
    const b = await anonymousAgent(t);
    await b.agent.post('/api/auth/login').set('X-CSRF-Token', b.csrf).send({ email: a.user.email, password: TEST_PASSWORD }).expect(200);
    await a.agent.post('/api/me/password').set('X-CSRF-Token', a.csrf).send({ currentPassword: TEST_PASSWORD, newPassword: 'completely different words' }).expect(200);
    await a.agent.get('/api/me').expect(200);
    await b.agent.get('/api/me').expect(401);
  });

  it('exports my data as JSON and deletes my account with confirmation', async () => {
    const me = await signUpSecretary(t, { name: 'Leaving Soon' });
    const data = await me.agent.get('/api/me/export').expect(200);
    expect(data.headers['content-disposition']).toMatch(/attachment/);
    expect(data.body.account).toEqual(expect.objectContaining({ email: me.user.email, name: 'Leaving Soon' }));
    expect(JSON.stringify(data.body)).not.toContain('argon2');

    const unconfirmed = await me.agent.post('/api/me/delete').set('X-CSRF-Token', me.csrf).send({ currentPassword: TEST_PASSWORD, confirm: 'yes' });
    expect(unconfirmed.status).toBe(400);
    await me.agent.post('/api/me/delete').set('X-CSRF-Token', me.csrf).send({ currentPassword: TEST_PASSWORD, confirm: 'DELETE' }).expect(204);
    expect(await users().countBy({ id: me.user.id })).toBe(0);
    await me.agent.get('/api/me').expect(401);
    const actions = (await t.dataSource.getRepository(AuditEvent).findBy({ subjectId: me.user.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['account.data_exported', 'account.deleted']));
  });

  it('lets an admin invite another admin, who enrols a second factor', async () => {
    const admin = await signInAdmin(t);
    await admin.agent.post('/api/admin/invitations').set('X-CSRF-Token', admin.csrf).send({ email: 'new.admin@example.org', name: 'New Admin' }).expect(202);
    const mail = await sink.waitFor((m) => m.to.includes('new.admin@example.org'));
    const token = /invite\/accept\?token=([\w-]+)/.exec(mail.text)![1];
    const secret = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
    const { agent, csrf } = await anonymousAgent(t);
    const accepted = await agent.post('/api/auth/accept-invite').set('X-CSRF-Token', csrf).send({ token, password: 'an admin passphrase here', totpSecret: secret, code: totpCode(secret) });
    expect(accepted.status).toBe(201);
    // The account made is what GET /api/me reads once its owner signs in.
    expect(accepted.headers.location).toBe('/api/me');
    expect(accepted.body.user).toEqual(expect.objectContaining({ email: 'new.admin@example.org', role: 'admin' }));
    expect(accepted.body.recoveryCodes).toHaveLength(10);
    const created = await users().findOneByOrFail({ email: 'new.admin@example.org' });
    expect(created.role).toBe('admin');

    // A recovery code works once in place of the app.
    const login = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: 'new.admin@example.org', password: 'an admin passphrase here' }).expect(200);
    await agent.post('/api/auth/mfa').set('X-CSRF-Token', login.body.csrfToken).send({ code: accepted.body.recoveryCodes[0] }).expect(200);
  });

  it('lets an admin replace their recovery codes (audited); the old ones stop working', async () => {
    const admin = await signInAdmin(t);
    const first = await admin.agent.post('/api/me/recovery-codes').set('X-CSRF-Token', admin.csrf).send({ currentPassword: TEST_PASSWORD }).expect(201);
    const wrong = await admin.agent.post('/api/me/recovery-codes').set('X-CSRF-Token', admin.csrf).send({ currentPassword: 'not my password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.currentPassword).toEqual(['Your current password is not right']);
    const second = await admin.agent.post('/api/me/recovery-codes').set('X-CSRF-Token', admin.csrf).send({ currentPassword: TEST_PASSWORD }).expect(201);
    expect(second.body.recoveryCodes).toHaveLength(10);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'account.recovery_codes_regenerated', subjectId: admin.user.id })).toBe(2);

    const { agent, csrf } = await anonymousAgent(t);
    // Each sign-in step starts a new session with a new token.
    const login = (token: string) => agent.post('/api/auth/login').set('X-CSRF-Token', token).send({ email: admin.user.email, password: TEST_PASSWORD }).expect(200);
    let pending = await login(csrf);
    const old = await agent.post('/api/auth/mfa').set('X-CSRF-Token', pending.body.csrfToken).send({ code: first.body.recoveryCodes[0] });
    expect(old.status).toBe(400);
    pending = await login(pending.body.csrfToken);
    await agent.post('/api/auth/mfa').set('X-CSRF-Token', pending.body.csrfToken).send({ code: second.body.recoveryCodes[3] }).expect(200);
  });
});
