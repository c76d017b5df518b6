import type { Request } from 'express';
import type { User } from '../users/user.entity';
import { SESSION_COOKIE } from '../common/http/session-cookie';
import { csrf } from './http-session';

const promisify = (fn: (cb: (err?: unknown) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

/**
 * Signs the user in on a NEW session id (passport regenerates it, so a cookie
 * planted beforehand never becomes signed in) and issues a fresh CSRF token.
 */
export async function establishSession(req: Request, user: User): Promise<string> {
  await promisify((cb) => req.logIn(user, cb));
  const now = Date.now();
  req.session.authenticatedAt = now;
  req.session.lastSeenAt = now;
  if (user.role === 'admin') req.session.mfaAt = now;
  const token = csrf.generateToken(req, true);
  await promisify((cb) => req.session.save(cb));
  return token;
}

/**
 * The session's CSRF token, stored before it is answered: express-session would
 * otherwise save a new session only as the response ends, and send the token
 * even when that save failed (the database down), leaving a token that can
 * never be accepted.
 */
export async function issueCsrfToken(req: Request): Promise<string> {
  const had = req.session.csrfToken;
  const token = csrf.generateToken(req);
  if (token !== had) await promisify((cb) => req.session.save(cb));
  return token;
}

/** After an admin's password: a new session that holds only "waiting for the second factor". */
export async function startMfa(req: Request, userId: string): Promise<string> {
  await promisify((cb) => req.session.regenerate(cb));
  req.session.mfaPending = { userId, at: Date.now() };
  const token = csrf.generateToken(req, true);
  await promisify((cb) => req.session.save(cb));
  return token;
}

const MFA_WINDOW_MS = 5 * 60_000;

export function pendingMfaUser(req: Request): string | undefined {
  const pending = req.session?.mfaPending;
  return pending && Date.now() - pending.at < MFA_WINDOW_MS ? pending.userId : undefined;
}

/**
 * Destroys the session on the server, so its cookie is worthless afterwards,
 * and tells the browser to forget it: the cookie is expired (with the
 * attributes it was set with, or a `__Host-` cookie would be kept) and
 * `Clear-Site-Data` clears every cookie of the site where browsers support it.
 */
export async function endSession(req: Request): Promise<void> {
  req.res?.setHeader('Clear-Site-Data', '"cookies"');
  if (!req.session) return;
  const { secure, path, sameSite } = req.session.cookie;
  await promisify((cb) => req.session.destroy(cb));
  req.user = undefined;
  // A page rendered after this ("you are signed out", "account deleted") shows a visitor's header.
  if (req.res) req.res.locals.currentUser = undefined;
  req.res?.clearCookie(SESSION_COOKIE(secure === true), { path, secure: secure === true, sameSite, httpOnly: true });
}
