import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger, PinoLogger } from 'nestjs-pino';
import { join } from 'node:path';
import { PUBLIC_DIR, VIEWS_DIR } from './common/paths';
import { configureSessions } from './auth/http-session';
import type { AppConfig, SecurityConfig } from './config';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { inputGuard, noteForbiddenFormKeys } from './common/http/input-guard';
import { applyHeaders, recordHeaders } from './common/http/security-headers';
import { createValidationPipe } from './common/http/validation';
import { setupOpenApi } from './common/openapi/openapi';
import { registerViewHelpers } from './common/views/view-helpers';
import { logRequest, requestId } from './logging/request-log';

export const BODY_LIMIT = '100kb';
const ADMIN_PAGE = /^\/admin(?:\/|$)/;
const LIVENESS_PATH = '/health/live';
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

/** Content Security Policy for every page; routes that need more say so themselves. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Everything about the HTTP edge that the app and the tests share: security
 * headers, body limits, views, static files, validation, errors, OpenAPI.
 */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(ConfigService).getOrThrow<AppConfig>('app');
  app.useLogger(app.get(Logger));
  const directives = { ...CSP_DIRECTIVES, upgradeInsecureRequests: config.secure ? [] : null };
  const helmetOptions = (styleSrc: string[]) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc } },
      strictTransportSecurity: config.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      frameguard: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
    });
  const pageHeaders = recordHeaders(helmetOptions(CSP_DIRECTIVES.styleSrc));
  // Swagger UI sets inline styles; its page alone may use them.
  const docsHeaders = recordHeaders(helmetOptions(["'self'", "'unsafe-inline'"]));
  const rootLogger = PinoLogger.root;
  // The request id and its log line before any other middleware, so an error in
  // body parsing or the session store is logged too; the security headers
  // (helmet's, recorded once) on every response, errors included. The liveness
  // probe is asked every few seconds and never logged.
  app.use((req: Request, res: Response, next: NextFunction) => {
    req.id = requestId(req, res);
    if (req.method !== 'GET' || req.path !== LIVENESS_PATH) logRequest(rootLogger, req, res);
    applyHeaders(res, req.url.startsWith('/api/docs') ? docsHeaders : pageHeaders);
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.locals.requestId = req.id;
    res.locals.path = req.path;
    // Admin pages take the full width for their tables (the layout's body class).
    res.locals.adminPage = ADMIN_PAGE.test(req.path);
    next();
  });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  app.set('etag', 'strong');

  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Nest keeps `verify` out of the options' type for its `rawBody` mode, which this app never uses.
  const formOptions = { limit: BODY_LIMIT, extended: false, parameterLimit: 200 };
  app.useBodyParser('urlencoded', { ...formOptions, verify: noteForbiddenFormKeys } as typeof formOptions);
  // Before anything reads the input: depth, prototype keys and NUL, once for every route.
  app.use(inputGuard);

  // Static files first: they need no session.
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/static/', maxAge: '1h', index: false });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  registerViewHelpers(join(VIEWS_DIR, 'partials'));
  configureSessions(app, config, app.get(ConfigService).getOrThrow<SecurityConfig>('security'));

  app.useGlobalPipes(createValidationPipe((type) => app.get(type, { strict: false })));
  app.useGlobalFilters(new HttpExceptionFilter());

  setupOpenApi(app, config);
}
