import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A response computed once and sent as is: body bytes, their ETag and every header it needs. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
  headers: Readonly<Record<string, string>>;
}

export function cachedResponse(body: string | Buffer, headers: Record<string, string>): CachedResponse {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { body: bytes, etag, headers: { ...headers, 'Content-Length': String(bytes.length) } };
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
  res.setHeader('ETag', cached.etag);
  if (matchesIfNoneMatch(req.headers['if-none-match'], cached.etag)) {
    res.removeHeader('Content-Length');
    res.removeHeader('Content-Type');
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : cached.body);
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
