/**
 * `next` if it is a path on this site, else `fallback`: a path starting with
 * one slash (not "//" or "/\", which browsers read as another host) of plain
 * URL characters, so a link carried through sign-in or an email can never
 * send someone to another site.
 */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : fallback;
}

/** `path` with one more query parameter, whether or not it already has some. */
export function withQuery(path: string, key: string, value: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
}
