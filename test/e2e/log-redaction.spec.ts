import { randomBytes } from 'node:crypto';
import type { Application } from 'express';
import { anonymousAgent } from '../utils/auth';
import { captureLog, type LogCapture } from '../utils/log-capture';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Route parameters known to carry no secret: ids and keys that also appear in
 * ordinary links. Any other parameter is taken to be a secret (a token in a
 * link) and must never reach the log. A new parameter fails the last test until
 * it is named here or named as a token (`:token`, `:inviteToken`), which the
 * log redacts. (`splat` is Nest's catch-all mount for middleware.)
 */
const NOT_SECRET = new Set(['id', 'branchId', 'affiliationId', 'invoiceId', 'noteId', 'kind', 'decision', 'version', 'year', 'splat', 'key', 'answer']);

const newToken = (): string => randomBytes(32).toString('base64url');

interface RouteInfo {
  method: string;
  path: string;
  params: string[];
}

/** Every route the app serves, as Express has it after Nest registered them. */
function appRoutes(t: TestApp): RouteInfo[] {
  const express = t.app.getHttpAdapter().getInstance() as Application;
  return express.router.stack.flatMap(({ route }) => {
    if (!route) return [];
    const methods = Object.keys((route as unknown as { methods: Record<string, boolean> }).methods);
    return ([] as string[]).concat(route.path).flatMap((path) =>
      methods.map((method) => ({ method, path, params: [...path.matchAll(/[:*](\w+)/g)].map((m) => m[1]) })),
    );
  });
}

describe('request logs and tokens in links', () => {
  let t: TestApp;
  let log: LogCapture;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    log = captureLog();
  });
  afterEach(() => log.restore());

  it('writes one line per request with its id, method, path, status and time, and none for the liveness probe', async () => {
    const page = await t.http().get('/affiliates?search=secret-query').expect(200);
    await t.http().get('/health/live').expect(200);
    const missing = await t.http().get('/no-such-page').expect(404);

    const lines = log.entries().filter((e) => e.msg === 'request completed');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, req: { id: page.headers['x-request-id'], method: 'GET', path: '/affiliates' }, res: { statusCode: 200 }, responseTime: expect.any(Number) }),
      expect.objectContaining({ req: { id: missing.headers['x-request-id'], method: 'GET', path: '/no-such-page' }, res: { statusCode: 404 } }),
    ]);
    expect(log.raw()).not.toContain('secret-query');
  });

  it('never logs the token of a hand-over link, opened, accepted or mangled', async () => {
    const tokens = [newToken(), newToken(), newToken(), newToken()];
    await t.http().get(`/handover/${tokens[0]}`);
    // With a valid CSRF token, so the request reaches the route.
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post(`/handover/${tokens[1]}`).type('form').send({ _csrf: csrf });
    await t.http().get(`/HANDOVER/${tokens[2]}/extra`);
    await t.http().get(`//handover/${tokens[3]}`);

    const raw = log.raw();
    for (const token of tokens) expect(raw).not.toContain(token);
    // The requests were logged, with the token's place marked.
    const paths = log.entries().filter((e) => e.msg === 'request completed').map((e) => `${e.req?.method} ${e.req?.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['GET /handover/[redacted]', 'POST /handover/[redacted]', 'GET /HANDOVER/[redacted]/extra']),
    );
  });

  it('never logs a token sent in the query of an emailed link', async () => {
    const tokens: string[] = [];
    for (const path of ['/verify-email', '/reset-password', '/setup/admin', '/invite/accept', '/account/confirm-email']) {
      const token = newToken();
      tokens.push(token);
      await t.http().get(`${path}?token=${token}`);
    }
    const raw = log.raw();
    expect(log.entries().filter((e) => e.msg === 'request completed')).toHaveLength(tokens.length);
    for (const token of tokens) expect(raw).not.toContain(token);
  });

  it('redacts every route parameter that is not a known id or key, on every route of the app', async () => {
    const routes = appRoutes(t);
    expect(routes.length).toBeGreaterThan(50);
    const secretRoutes = routes.filter((r) => r.params.some((p) => !NOT_SECRET.has(p)));
    // Today the hand-over pages; a later feature's token route joins this list by itself.
    expect(secretRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['get /handover/:token', 'post /handover/:token']));

    const { agent, csrf } = await anonymousAgent(t);
    const leaked: string[] = [];
    for (const route of secretRoutes) {
      const values = new Map(route.params.map((p) => [p, newToken()]));
      const url = route.path.replace(/[:*](\w+)/g, (_m, name: string) => values.get(name) ?? '');
      const method = route.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const before = log.entries().length;
      await agent[method](url).set('X-CSRF-Token', csrf);
      expect(log.entries().length).toBeGreaterThan(before);
      const raw = log.raw();
      for (const [name, value] of values) {
        if (!NOT_SECRET.has(name) && raw.includes(value)) leaked.push(`${route.method.toUpperCase()} ${route.path} logs :${name}`);
      }
    }
    expect(leaked).toEqual([]);
  });
});
