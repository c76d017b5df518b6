import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** A header helmet sets, or one it removes (X-Powered-By). */
export interface HeaderSet {
  readonly set: ReadonlyArray<readonly [name: string, value: string | readonly string[]]>;
  readonly removed: readonly string[];
}

/**
 * The headers a helmet middleware sets, found by running it once against a
 * response that only records them. Helmet's headers depend on its options,
 * never on the request (no directive here is a function of it), so every
 * response can get the same list without running helmet's dozen middlewares
 * again: one loop instead of a chain on every request. Throws when the
 * middleware does not finish at once, or reads the request, as a directive
 * computed per request would — that one must stay a middleware.
 */
export function recordHeaders(middleware: RequestHandler): HeaderSet {
  const set: [string, string | readonly string[]][] = [];
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string | readonly string[]) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  const req = new Proxy(
    {},
    {
      get: (_t, key) => {
        throw new Error(`helmet read req.${String(key)}: its headers depend on the request and cannot be precomputed`);
      },
    },
  );
  let done = false;
  middleware(req as never, res as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  return { set, removed };
}

/** Puts a recorded set of headers on a response. */
export function applyHeaders(res: ServerResponse, headers: HeaderSet): void {
  for (const name of headers.removed) res.removeHeader(name);
  for (const [name, value] of headers.set) res.setHeader(name, value);
}

