import { NestExpressApplication } from '@nestjs/platform-express';
import connectPgSimple from 'connect-pg-simple';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { takeFlash } from '../common/http/flash';
import { SESSION_COOKIE } from '../common/http/session-cookie';
import { trackCommits } from '../database/commit-tracker';
import type { AppConfig, SecurityConfig } from '../config';
import type { User } from '../users/user.entity';
import { AuthPassport } from './auth-passport';

declare module 'express-session' {
  interface SessionData {
    /** When the password was accepted (ms); the absolute timeout counts from here. */
    authenticatedAt?: number;
    /** Last request (ms), for the idle timeout; refreshed at most once a minute. */
    lastSeenAt?: number;
    /** Set when an admin has passed the second factor in this session. */
    mfaAt?: number;
    /** An admin whose password was right, waiting for the second factor. */
    mfaPending?: { userId: string; at: number };
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * A multipart POST whose CSRF token is in its `_csrf` field, which is not
     * parsed yet when the CSRF check runs: only a route that takes multipart
     * forms checks it, once parsed (multipart-csrf.ts); the guard refuses it
     * anywhere else.
     */
    csrfInMultipart?: boolean;
  }
}

/** Public GET routes that never render a form for an anonymous visitor (so never need a CSRF token). */
const SESSIONLESS = /^\/(?:$|health(?:\/|$)|affiliates(?:\/feed\.atom)?$|statement(?:\/supporters\.atom)?$|embed\/|api\/public\/|api\/docs|documents\/model-motion\.docx$|unsubscribe\/)/;

/** The only state change without a CSRF token: POST /unsubscribe/:token (updates/unsubscribe.controller.ts). */
export const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[A-Za-z0-9_-]{1,64}$/;

export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof field === 'string' ? field : undefined;
  },
  errorConfig: { statusCode: 403, message: 'This form has expired or did not come from this site. Please try again.', code: 'EBADCSRFTOKEN' },
});

/**
 * Sessions in PostgreSQL, passport on top, the idle and absolute timeouts, and
 * the CSRF synchroniser token. Pages get `currentUser` and `csrfToken`.
 */
export function configureSessions(app: NestExpressApplication, appConfig: AppConfig, security: SecurityConfig): void {
  const pool = (app.get(DataSource).driver as PostgresDriver).master as Pool;
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'sessions',
    createTableIfMissing: false,
    pruneSessionInterval: appConfig.env === 'test' ? false : 15 * 60,
    // The idle timeout is kept in the session (lastSeenAt, written at most once a
    // minute), so the store need not be touched on every request.
    disableTouch: true,
  });
  app.get(AuthPassport).onClose(() => store.close());

  const cookieName = SESSION_COOKIE(appConfig.secure);
  const sessions = session({
    name: cookieName,
    secret: security.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: appConfig.trustProxyHops > 0,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: appConfig.secure,
      path: '/',
      maxAge: security.absoluteTimeoutMs,
    },
  });
  // The busiest public reads carry no forms, so a visitor without a session
  // cookie needs none of this: no session, no passport, no CSRF token, no
  // commit tracking (they write nothing). The stack is skipped as a whole.
  const sessionless = (req: Request): boolean =>
    (req.method === 'GET' || req.method === 'HEAD') && SESSIONLESS.test(req.path) && !req.headers.cookie?.includes(`${cookieName}=`);
  const passport = app.get(AuthPassport).instance;
  const stack = Router();
  stack.use(sessions);
  stack.use(passport.initialize({ compat: false }) as RequestHandler);
  stack.use(passport.session() as RequestHandler);
  stack.use(enforceTimeouts(security));
  stack.use(csrfProtection);
  stack.use((req: Request, res: Response, next: NextFunction) => {
    // The token has done its job; DTOs allow-list fields and must not see it.
    if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
    const user = req.user as User | undefined;
    res.locals.currentUser = user
      ? { id: user.id, name: user.name, email: user.email, role: user.role, verified: !!user.emailVerifiedAt, secondFactor: !!user.totpSecret }
      : undefined;
    // Handlebars calls a function it finds in the context, so only pages that
    // render a form create a token (and with it a session); others stay cookie-free.
    // No session once it has been ended (sign-out, account deleted): a page rendered then has no form to protect.
    res.locals.csrfToken = () => (req.session ? csrf.generateToken(req) : '');
    // Likewise read only by the layout's flash partial, so a flash waits for the next page shown, not the next request.
    res.locals.flash = () => takeFlash(req);
    next();
  });
  // Last, just before the routes: the session store's own writes are not what the person sent.
  stack.use(trackCommits);
  app.use((req: Request, res: Response, next: NextFunction) => (sessionless(req) ? next() : stack(req, res, next)));
}

/**
 * The synchroniser token check, for every state change. A multipart form's
 * body is parsed by its route, after this runs, so its token is checked there
 * (multipart-csrf.ts); an API client sends the header, which is checked here.
 */
function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  // A mail client's one-click unsubscribe (RFC 8058) has no session to hold a token; its proof is the token in the path.
  if (req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
  if (req.method === 'POST' && req.headers['x-csrf-token'] === undefined && req.is('multipart/form-data')) {
    req.csrfInMultipart = true;
    return next();
  }
  csrf.csrfSynchronisedProtection(req, res, next);
}

function enforceTimeouts(security: SecurityConfig): RequestHandler {
  return (req, _res, next) => {
    const user = req.user as User | undefined;
    if (!user) return next();
    const now = Date.now();
    const s = req.session;
    const idle = security.idleTimeoutMs[user.role];
    const expired =
      now - (s.authenticatedAt ?? 0) > security.absoluteTimeoutMs || now - (s.lastSeenAt ?? s.authenticatedAt ?? 0) > idle;
    if (expired) {
      req.session.destroy(() => {
        req.user = undefined;
        next();
      });
      return;
    }
    if (now - (s.lastSeenAt ?? 0) > 60_000) s.lastSeenAt = now;
    next();
  };
}
