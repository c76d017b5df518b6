import { UsersService } from '../../src/users/users.service';
import { signUpSecretary } from '../utils/auth';
import { captureLog } from '../utils/log-capture';
import { answerProblems, servedDocument } from '../utils/openapi-shape';
import { withAdminClient } from '../utils/database';
import { createTestApp, TestApp } from '../utils/test-app';

describe('HTTP shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('serves the home page with a strict CSP and security headers', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toContain('Affiliate your union branch');
  });

  it('answers /health with ok after pinging the database', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(answerProblems(await servedDocument(t), 'get', '/health', res)).toEqual([]);
  });

  it('answers 503 on /health when the database is gone', async () => {
    const other = await createTestApp();
    try {
      // Cut the app's connections and refuse new ones: the ping must fail.
      await withAdminClient(process.env.TEST_PG_ADMIN_URL!, async (admin) => {
        await admin.query(`ALTER DATABASE "${other.db.name}" WITH ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [other.db.name]);
      });
      const res = await other.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error.database.status).toBe('down');
      // Down, and nothing of the driver's words (hosts, ports, database names).
      expect(res.body.error.database.message).toBe('unavailable');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONN|portal_test|database ".*"/);
      expect(answerProblems(await servedDocument(t), 'get', '/health', res)).toEqual([]);
    } finally {
      await other.close().catch(() => undefined);
      await other.db.drop();
    }
  });

  it('gives unknown API routes a JSON 404 and unknown pages an HTML 404', async () => {
    const api = await t.http().get('/api/nothing-here').expect(404);
    expect(api.body).toEqual({ statusCode: 404, message: expect.any(String) });
    const page = await t.http().get('/nothing-here').set('Accept', 'text/html').expect(404);
    expect(page.text).toContain('Page not found');
    expect(page.text).toContain(page.headers['x-request-id']);
  });

  it('gives every 500 the request id of its X-Request-Id header, in the API body and on the page', async () => {
    const secretary = await signUpSecretary(t);
    // A fault in the middleware that loads the signed-in user (before any route), then in a route.
    const users = t.app.get(UsersService);
    const spy = jest.spyOn(users, 'findActive').mockRejectedValue(new Error('an unexpected fault'));
    const log = captureLog();
    try {
      const api = await secretary.agent.get('/api/me').expect(500);
      // In the log, both lines name the request: the error with its details, and the request's own line.
      const req = { id: api.headers['x-request-id'], method: 'GET', path: '/api/me' };
      expect(log.entries()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ level: 50, msg: 'Unhandled error', req, requestId: req.id, error: expect.objectContaining({ message: 'an unexpected fault' }) }),
          expect.objectContaining({ msg: 'request errored', req, res: { statusCode: 500 }, err: expect.objectContaining({ message: 'failed with status code 500' }) }),
        ]),
      );
      expect(api.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(api.body).toEqual({ statusCode: 500, message: `Something went wrong on our side. If it keeps happening, quote request id ${api.headers['x-request-id']}.` });
      const page = await secretary.agent.get('/account').set('Accept', 'text/html').expect(500);
      expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(page.text).toContain(`<code>${page.headers['x-request-id']}</code>`);
    } finally {
      log.restore();
      spy.mockRestore();
    }
    // An id sent by a proxy is kept, on the error too.
    const hop = await t.http().get('/api/nothing-here').set('X-Request-Id', 'proxy-id-12345').expect(404);
    expect(hop.headers['x-request-id']).toBe('proxy-id-12345');
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const big = JSON.stringify({ x: 'a'.repeat(200 * 1024) });
    const res = await t.http().post('/api/anything').set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ statusCode: 413, message: 'The request is too large' });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.http().post('/api/anything').set('Content-Type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The request body is not valid JSON');
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/health']).toBeDefined();
  });

  it('serves the stylesheet from its own origin', async () => {
    const res = await t.http().get('/static/css/site.css').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
  });
});
