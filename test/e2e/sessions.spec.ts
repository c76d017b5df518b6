import request from 'supertest';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const MINUTE = 60_000;

describe('session lifetimes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** Moves this user's session clock back, as if time had passed since `field` was set. */
  async function age(s: SignedIn, field: 'lastSeenAt' | 'authenticatedAt', ms: number): Promise<void> {
    const rows: unknown[] = await t.dataSource.query(
      `UPDATE sessions SET sess = jsonb_set(sess::jsonb, $2, to_jsonb(((sess::jsonb ->> $3)::bigint - $4)))::json
        WHERE user_id = $1 RETURNING sid`,
      [s.user.id, `{${field}}`, field, ms],
    );
    expect((rows[0] as unknown[]).length ?? rows.length).toBeGreaterThan(0);
  }

  it('ends an admin session idle for more than 30 minutes', async () => {
    const admin = await signInAdmin(t);
    await age(admin, 'lastSeenAt', 29 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(200);
    await age(admin, 'lastSeenAt', 31 * MINUTE);
    await admin.agent.get('/api/admin/users').expect(401);
    // Destroyed on the server, not just refused.
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [admin.user.id])).toEqual([{ n: 0 }]);
  });

  it('keeps a secretary signed in after 31 idle minutes but not after two hours', async () => {
    const secretary = await signUpSecretary(t);
    await age(secretary, 'lastSeenAt', 31 * MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(secretary, 'lastSeenAt', 121 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });

  it('ends any session 12 hours after sign-in, however active', async () => {
    const secretary = await signUpSecretary(t);
    await age(secretary, 'authenticatedAt', 11 * 60 * MINUTE);
    await secretary.agent.get('/api/me').expect(200);
    await age(secretary, 'authenticatedAt', 61 * MINUTE);
    await secretary.agent.get('/api/me').expect(401);
  });
});

describe('session cookie over HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://affiliate.example.org', TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await t?.close();
    process.env.PUBLIC_URL = '';
    process.env.TRUST_PROXY_HOPS = '';
  });

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
});
