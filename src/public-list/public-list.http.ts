import type { Request } from 'express';

/**
 * Shared caches and browsers may keep a response this long; with the
 * server-side refresh (at most 30 s behind, usually instant) a change is
 * visible everywhere within a minute.
 */
export const CACHE_CONTROL = 'public, max-age=30';

/** The query string exactly as sent, as a cache key for requests repeated byte for byte. */
export function rawQuery(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}
