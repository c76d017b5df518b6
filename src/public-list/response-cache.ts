import { createHash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/** Below this, compressing saves too little to be worth a second representation. */
const GZIP_MIN_BYTES = 1024;

interface Representation {
  body: Buffer;
  /** Strong ETag of these exact bytes. */
  etag: string;
}

/**
 * A response computed once and sent as is: its bytes (and a gzip-compressed
 * copy when that is smaller, compressed once rather than per request), their
 * ETags and every header it needs.
 */
export interface CachedResponse extends Representation {
  gzip?: Representation;
  headers: Readonly<Record<string, string>>;
}

const etagOf = (bytes: Buffer): string => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

export function cachedResponse(body: string | Buffer, headers: Record<string, string>): CachedResponse {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let gzip: Representation | undefined;
  if (bytes.length >= GZIP_MIN_BYTES) {
    const compressed = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (compressed.length < bytes.length) gzip = { body: compressed, etag: etagOf(compressed) };
  }
  return { body: bytes, etag: etagOf(bytes), gzip, headers: gzip ? { ...headers, Vary: 'Accept-Encoding' } : headers };
}

/** True when the client accepts gzip (and did not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** True when one of the validators in If-None-Match is this ETag (weak comparison, as RFC 9110 asks). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Sends a cached response, or 304 when the client already holds it. HEAD gets the headers only. */
export function sendCached(req: Request, res: Response, cached: CachedResponse, extraHeaders?: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(cached.headers)) res.setHeader(name, value);
  if (extraHeaders) for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  const chosen = cached.gzip && acceptsGzip(req.headers['accept-encoding']) ? cached.gzip : cached;
  res.setHeader('ETag', chosen.etag);
  const ifNoneMatch = req.headers['if-none-match'];
  if (matchesIfNoneMatch(ifNoneMatch, chosen.etag)) {
    res.removeHeader('Content-Type');
    res.statusCode = 304;
    res.end();
    return;
  }
  if (chosen !== cached) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(chosen.body.length));
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : chosen.body);
}

/**
 * A small least-recently-used map: a Map keeps insertion order, so re-inserting
 * on every hit leaves the coldest entry first.
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
