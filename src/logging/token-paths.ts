/**
 * Paths that carry a secret, such as `/handover/:token`: an emailed link whose
 * path is itself the credential. The log must never hold one, so every
 * request log takes its path through `redactPath`.
 *
 * A route declares its secret once, by naming the parameter: `:token`, or any
 * name ending in `Token` (`:inviteToken`). The app's routes are read when it
 * starts (TokenPathsCollector), so a later feature's token route is redacted
 * with nothing else to change. Query strings are never logged at all.
 */
export const SECRET_PARAM = /^token$|Token$/;

export const REDACTED = '[redacted]';

/** One segment of a route: a literal (lower case) to match, or a parameter. */
interface Segment {
  literal?: string;
  secret: boolean;
}

/** `[:*]name` in an Express 5 path: a parameter or a wildcard. */
const PARAM = /[:*](\w+)/g;

function parseRoute(route: string): Segment[] {
  return route
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const names = [...segment.matchAll(PARAM)].map((m) => m[1]);
      if (names.length === 0 && !segment.includes('{')) return { literal: segment.toLowerCase(), secret: false };
      return { secret: names.some((name) => SECRET_PARAM.test(name)) };
    });
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

class TokenPaths {
  private readonly routes = new Map<string, Segment[]>();

  /** Registers a route path (as Express has it) if one of its parameters is a secret. */
  add(route: string): void {
    if (this.routes.has(route)) return;
    const segments = parseRoute(route);
    const last = segments.findLastIndex((s) => s.secret);
    // Only the part up to the last secret matters: a longer path still carries it.
    if (last >= 0) this.routes.set(route, segments.slice(0, last + 1));
  }

  /**
   * The path with every secret segment replaced. Matching is as lenient as
   * Express's (any case, repeated slashes, percent-encoding) and also catches
   * a mangled link that no route would serve: it still carries the token.
   */
  redact(path: string): string {
    const parts = path.split('/').filter(Boolean);
    let redacted = false;
    for (const segments of this.routes.values()) {
      if (parts.length < segments.length) continue;
      if (segments.some((s, i) => s.literal !== undefined && s.literal !== decoded(parts[i]))) continue;
      segments.forEach((s, i) => {
        if (s.secret) parts[i] = REDACTED;
      });
      redacted = true;
    }
    return redacted ? `/${parts.join('/')}` : path;
  }

  /** The registered routes, for diagnostics and tests. */
  list(): string[] {
    return [...this.routes.keys()];
  }
}

/**
 * One registry per process, like the logger it serves (nestjs-pino builds one
 * pino-http instance per process). Routes are the same for every app instance.
 */
export const tokenPaths = new TokenPaths();

/** Logs the path only: never the query string, and never a secret segment. */
export function redactPath(url: string): string {
  return tokenPaths.redact(url.split('?')[0]);
}
