import request from 'supertest';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Moves this user's session clock back, as if time had passed since `field` was set. */
async function age(t: TestApp, s: SignedIn, field: 'lastSeenAt' | 'authenticatedAt', ms: number): Promise<void> {
  const rows: unknown[] = await t.dataSource.query(
    `UPDATE sessions SET sess = jsonb_set(sess::jsonb, $2, to_jsonb(((sess::jsonb ->> $3)::bigint - $4)))::json
      WHERE user_id = $1 RETURNING sid`,
    [s.user.id, `{${field}}`, field, ms],
  );
  expect((rows[0] as unknown[]).length ?? rows.length).toBeGreaterThan(0);
}

const setCookies = (res: request.Response): string[] => ([] as string[]).concat(res.headers['set-cookie'] ?? []);

describe('session lifetimes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('ends an admin session idle for more than 30 minutes', async () => {
    const admin = await signInAdmin(t);
    await age(t, admin, 'lastSeenAt', 29 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(200);
    await age(t, admin, 'lastSeenAt', 31 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(401);
    // Destroyed on the server, not just refused.
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [admin.user.id])).toEqual([{ n: 0 }]);
  });

  it('keeps a secretary signed in after 31 idle minutes but not after two hours', async () => {
    const secretary = await signUpSecretary(t);
    await age(t, secretary, 'lastSeenAt', 31 * MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(t, secretary, 'lastSeenAt', 121 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });

  it('ends any session 12 hours after sign-in, however active', async () => {
    const secretary = await signUpSecretary(t);
    await age(t, secretary, 'authenticatedAt', 11 * 60 * MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(t, secretary, 'authenticatedAt', 61 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });
});

describe('session cookie over HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://affiliate.example.org', TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(() => t?.close());

  it('is __Host- prefixed, Secure, HttpOnly and SameSite=Lax behind a TLS proxy', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/csrf').set('X-Forwarded-Proto', 'https').expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/^__Host-sid=/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Domain=/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });

  it('is expired at sign-out with the same attributes, or the browser would keep it', async () => {
    const started = await request(t.app.getHttpServer()).get('/api/csrf').set('X-Forwarded-Proto', 'https').expect(200);
    // Sent by hand: supertest's cookie jar keeps a Secure cookie off a plain-HTTP test server.
    const sid = setCookies(started)[0].split(';')[0];
    const res = await request(t.app.getHttpServer())
      .post('/api/auth/logout')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', sid)
      .set('X-CSRF-Token', started.body.token as string)
      .expect(204);
    expect(res.headers['clear-site-data']).toBe('"cookies"');
    const cookie = setCookies(res).find((c) => c.startsWith('__Host-sid=')) ?? '';
    expect(cookie).toMatch(/^__Host-sid=;/);
    expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).not.toMatch(/; Domain=/);
  });
});

describe('session lifetimes set by the operator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_IDLE_MINUTES_ADMIN: '10', SESSION_IDLE_MINUTES_SECRETARY: '20', SESSION_ABSOLUTE_HOURS: '3' } });
  });
  afterAll(() => t?.close());

  it('ends an admin session after SESSION_IDLE_MINUTES_ADMIN idle minutes', async () => {
    const admin = await signInAdmin(t);
    await age(t, admin, 'lastSeenAt', 9 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(200);
    await age(t, admin, 'lastSeenAt', 11 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(401);
  });

  it('ends a secretary session after SESSION_IDLE_MINUTES_SECRETARY idle minutes', async () => {
    const secretary = await signUpSecretary(t);
    await age(t, secretary, 'lastSeenAt', 19 * MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(t, secretary, 'lastSeenAt', 21 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });

  it('ends any session SESSION_ABSOLUTE_HOURS after sign-in, and the cookie lives no longer', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/csrf').expect(200);
    const expires = Date.parse(/; Expires=([^;]+)/.exec(setCookies(res).join())?.[1] ?? '');
    expect(Math.abs(expires - (Date.now() + 3 * HOUR))).toBeLessThan(MINUTE);

    const secretary = await signUpSecretary(t);
    await age(t, secretary, 'authenticatedAt', 3 * HOUR - MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(t, secretary, 'authenticatedAt', 2 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });
});

describe('signing out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** The session cookie is expired and the browser told to clear the site's cookies. */
  function expectCookieCleared(res: request.Response): void {
    expect(res.headers['clear-site-data']).toBe('"cookies"');
    const sid = setCookies(res).find((c) => c.startsWith('sid='));
    expect(sid).toMatch(/^sid=;/);
    expect(sid).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect(sid).toMatch(/; Path=\//);
    expect(sid).toMatch(/; HttpOnly/);
  }

  it('through the API ends the session and expires its cookie', async () => {
    const secretary = await signUpSecretary(t);
    const res = await secretary.agent.post('/api/auth/logout').set('X-CSRF-Token', secretary.csrf).expect(204);
    expectCookieCleared(res);
    await secretary.agent.get('/api/me').expect(401);
  });

  it('from the page ends the session and expires its cookie', async () => {
    const secretary = await signUpSecretary(t);
    const res = await secretary.agent.post('/logout').type('form').send({ _csrf: secretary.csrf }).expect(303);
    expect(res.headers.location).toBe('/');
    expectCookieCleared(res);
    await secretary.agent.get('/api/me').expect(401);
  });
});
