import request from 'supertest';
import { branchBody } from '../factories/branches.factory';
import { anonymousAgent, signInAdmin, signUpSecretary, TEST_PASSWORD, type SignedIn } from '../utils/auth';
import { startOwnPostgres, type OwnPostgres } from '../utils/own-postgres';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * PostgreSQL stopped under a running app: every route that needs it answers
 * 503 with Retry-After (never 500), at once, and the app recovers by itself
 * when the database is back, without a restart.
 */
describe('the database stopped under a running app', () => {
  let pg: OwnPostgres;
  let t: TestApp;
  let secretary: SignedIn;
  let admin: SignedIn;
  let visitor: { agent: SignedIn['agent']; csrf: string };

  beforeAll(async () => {
    pg = await startOwnPostgres('outage');
    t = await createTestApp({ database: pg.database });
    secretary = await signUpSecretary(t);
    admin = await signInAdmin(t);
    visitor = await anonymousAgent(t);
  }, 120_000);
  afterAll(async () => {
    await pg?.start();
    await t?.close();
    await pg?.close();
  });

  const routes = () => ({
    'GET /api/csrf': () => request(t.app.getHttpServer()).get('/api/csrf'),
    'GET /api/me': () => secretary.agent.get('/api/me'),
    'POST /api/auth/login': () =>
      visitor.agent.post('/api/auth/login').set('X-CSRF-Token', visitor.csrf).send({ email: secretary.user.email, password: TEST_PASSWORD }),
    'POST /api/branches': () => secretary.agent.post('/api/branches').set('X-CSRF-Token', secretary.csrf).send(branchBody()),
    'POST /api/admin/payments': () =>
      admin.agent
        .post('/api/admin/payments')
        .set('X-CSRF-Token', admin.csrf)
        .send({ reference: 'PSOOL-2026-0001-X', amountPence: 100, receivedOn: '2026-01-05', method: 'bank_transfer' }),
  });

  it('answers 503 with Retry-After on every route that needs it, a calm page for browsers, and recovers when it is back', async () => {
    await pg.stop();

    const answers: Record<string, { status: number; ms: number; res: request.Response }> = {};
    for (const [name, send] of Object.entries(routes())) {
      const started = Date.now();
      const res = await send();
      answers[name] = { status: res.status, ms: Date.now() - started, res };
    }
    const statuses = Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, a.status]));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(answers).map((name) => [name, 503])));
    for (const { ms, res } of Object.values(answers)) {
      expect(ms).toBeLessThan(5_000);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toEqual({ statusCode: 503, message: expect.stringMatching(/temporarily unavailable/) });
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.body.message).toContain(res.headers['x-request-id']);
    }

    // A browser: a page, not JSON, that says nothing was lost and gives the request id.
    const page = await secretary.agent.get('/account').set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.text).toMatch(/temporarily unavailable/);
    expect(page.text).toMatch(/nothing you sent was lost/i);
    // The window title and the heading say it; the message goes on from there rather than repeating it.
    expect(page.text.match(/temporarily unavailable/g)).toHaveLength(2);
    expect(page.text).toContain(page.headers['x-request-id']);
    const form = await visitor.agent
      .post('/login')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: visitor.csrf, email: secretary.user.email, password: TEST_PASSWORD });
    expect(form.status).toBe(503);
    expect(form.text).toMatch(/nothing you sent was lost/i);

    await pg.start();

    // The same app, the same sessions: no restart.
    const deadline = Date.now() + 10_000;
    while ((await secretary.agent.get('/api/me')).status !== 200) {
      if (Date.now() > deadline) throw new Error('the app did not recover within 10 s of the database coming back');
      await new Promise((r) => setTimeout(r, 100));
    }
    await request(t.app.getHttpServer()).get('/api/csrf').expect(200);
    await secretary.agent.post('/api/branches').set('X-CSRF-Token', secretary.csrf).send(branchBody()).expect(201);
    await visitor.agent.post('/api/auth/login').set('X-CSRF-Token', visitor.csrf).send({ email: secretary.user.email, password: TEST_PASSWORD }).expect(200);
    await admin.agent.get('/api/admin/users').expect(200);
    await t.http().get('/health').expect(200);
  });
});
