import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { applyHeaders, recordHeaders } from './security-headers';

const options = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: [] } },
  strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  referrerPolicy: { policy: 'same-origin' as const },
  crossOriginEmbedderPolicy: false,
};

async function headersOf(middleware: RequestHandler): Promise<Record<string, unknown>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => res.send('ok'));
  const { headers } = await request(app).get('/');
  // What varies per response, whoever sets the security headers.
  for (const name of ['date', 'etag', 'content-length', 'connection', 'keep-alive']) delete headers[name];
  return headers;
}

describe('security headers recorded from helmet once', () => {
  it('puts exactly the headers helmet itself would on a response, and removes X-Powered-By as it does', async () => {
    const recorded = recordHeaders(helmet(options));
    const fromHelmet = await headersOf(helmet(options));
    const fromRecord = await headersOf((_req, res, next) => {
      applyHeaders(res, recorded);
      next();
    });
    expect(fromRecord).toEqual(fromHelmet);
    expect(fromRecord['content-security-policy']).toBe("default-src 'self';frame-ancestors 'none';upgrade-insecure-requests");
    expect(fromRecord['x-powered-by']).toBeUndefined();
  });

  it('refuses a policy computed from the request, which cannot be recorded', () => {
    const perRequest = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], scriptSrc: [(req) => `'nonce-${String(req.headers)}'`] } } });
    expect(() => recordHeaders(perRequest)).toThrow(/depend on the request/);
  });
});
