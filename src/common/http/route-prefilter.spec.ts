import express, { type Express } from 'express';
import request from 'supertest';
import { literalPrefix, prefilterRoutes } from './route-prefilter';

const ROUTES = ['/health', '/health/live', '/', '/branch/:id', '/branch/:id/edit', '/branch/new', '/files{/:name}', '/docs/', '/api/public/affiliates', '/x/*splat'];

function app(options: { prefilter: boolean; caseSensitive?: boolean }): Express {
  const a = express();
  if (options.caseSensitive) a.set('case sensitive routing', true);
  a.use('/static', (_req, res) => res.send('static'));
  for (const path of ROUTES) a.get(path, (req, res) => res.json({ route: path, params: req.params }));
  a.options('/api/public/affiliates', (_req, res) => res.send('preflight'));
  if (options.prefilter) prefilterRoutes((a as unknown as { router: Parameters<typeof prefilterRoutes>[0] }).router);
  return a;
}

const PATHS = [
  '/', '/health', '/HEALTH', '/health/', '/health/live', '/Health/Live/', '/health/live/extra', '/healthy', '/branch/42', '/BRANCH/42/edit',
  '/branch/new', '/branch/', '/branch', '/files', '/files/a.txt', '/docs', '/docs/', '/api/public/affiliates', '/api/public/affiliates?page=2',
  '/x/a/b', '/x', '//health', '/%68ealth', '/static/site.css', '/nowhere', '/ſtatic', '/branch/%E2%82%AC',
];

describe('prefilterRoutes', () => {
  it.each([false, true])('answers every path exactly as the unfiltered router does (case sensitive routing: %s)', async (caseSensitive) => {
    const plain = app({ prefilter: false, caseSensitive });
    const filtered = app({ prefilter: true, caseSensitive });
    for (const method of ['get', 'head', 'options'] as const) {
      for (const path of PATHS) {
        const [a, b] = await Promise.all([request(plain)[method](path), request(filtered)[method](path)]);
        expect({ path, method, status: b.status, body: b.text, allow: b.headers.allow }).toEqual({ path, method, status: a.status, body: a.text, allow: a.headers.allow });
      }
    }
  });

  it("does not run a route's own matcher for a path outside its literal prefix", async () => {
    const a = express();
    a.get('/health/live', (_req, res) => res.send('live'));
    a.get('/branch/:id', (req, res) => res.send(req.params.id));
    const stack = (a as unknown as { router: { stack: Array<{ rawPath?: unknown; match(path: string): unknown }> } }).router.stack;
    const live = stack.find((layer) => layer.rawPath === '/health/live')!;
    const original = jest.spyOn(live, 'match');
    expect(prefilterRoutes((a as unknown as { router: Parameters<typeof prefilterRoutes>[0] }).router)).toBe(2);

    await request(a).get('/branch/7').expect(200, '7');
    expect(original).not.toHaveBeenCalled();
    await request(a).get('/HEALTH/live').expect(200, 'live');
    expect(original).toHaveBeenCalledTimes(1);
  });

  it('takes the literal start of a pattern, without the trailing slash the router ignores', () => {
    expect(literalPrefix('/health/live')).toBe('/health/live');
    expect(literalPrefix('/docs/')).toBe('/docs');
    expect(literalPrefix('/branch/:id/edit')).toBe('/branch/');
    expect(literalPrefix('/files{/:name}')).toBe('/files');
    expect(literalPrefix('{/*splat}')).toBe('');
    expect(literalPrefix('/')).toBe('/');
  });
});
