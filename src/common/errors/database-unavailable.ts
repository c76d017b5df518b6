/** How long a client is asked to wait before trying again after a 503. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Operating-system errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL error codes (SQLSTATE) that say "not now" rather than "not this":
 * the same request may well succeed in a moment. Class 08 (connection
 * exceptions) and class 53 (insufficient resources: too many connections, out
 * of memory or disk) are matched by class.
 */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping and ended this session
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up or shutting down
  '57014', // query_canceled: statement_timeout tripped
  '55P03', // lock_not_available: lock_timeout tripped
  '25P03', // idle_in_transaction_session_timeout tripped
]);
const SQLSTATE_CLASSES = ['08', '53'];

/** node-postgres and pg-pool report these without a code. */
const MESSAGES = [/^timeout exceeded when trying to connect$/, /^Connection terminated/, /is not queryable$/];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * True when `error` means the database could not serve the request now
 * (stopped, restarting, unreachable, out of connections, or a statement, lock
 * or pool wait ran out of time), as opposed to a bug or a refused query. TypeORM
 * wraps driver errors (`driverError`), and connection errors may arrive as a
 * `cause` or inside an AggregateError, so those are looked through too.
 *
 * Every such failure ends a statement before it commits: a transaction it
 * belonged to is rolled back by PostgreSQL (or never began).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SQLSTATES.has(e.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(e.code) && SQLSTATE_CLASSES.includes(e.code.slice(0, 2))) return true;
  }
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => i !== error && isDatabaseUnavailable(i, depth + 1));
}

/** What the log may say about it: the code and the driver's words, never the query or its parameters. */
export function describeDatabaseError(error: unknown): { code?: string; reason: string } {
  const e = error as ErrorLike;
  const driver = (e.driverError ?? e) as ErrorLike;
  const code = typeof driver.code === 'string' ? driver.code : typeof e.code === 'string' ? e.code : undefined;
  return { ...(code && { code }), reason: typeof driver.message === 'string' ? driver.message : String(error) };
}
