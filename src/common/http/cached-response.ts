import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, gzip as gzipCallback } from 'node:zlib';
import type { Request, Response } from 'express';

/** Below this, compressing saves too little to be worth a second representation. */
const GZIP_MIN_BYTES = 1024;
const gzip = promisify(gzipCallback);

interface Representation {
  body: Buffer;
  /** Strong ETag of these exact bytes. */
  etag: string;
}

/**
 * A response computed once and sent as is: its status, its bytes (and a
 * gzip-compressed copy when that is smaller, compressed once rather than per
 * request, on libuv's thread pool rather than the event loop), their ETags and
 * every header it needs.
 */
export interface CachedResponse extends Representation {
  /** 200, or an error page's status (sent without ETag, never as 304). */
  status: number;
  gzip?: Representation;
  headers: Readonly<Record<string, string>>;
}

const etagOf = (bytes: Buffer): string => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

export async function cachedResponse(body: string | Buffer, headers: Record<string, string>, status = 200): Promise<CachedResponse> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let compressed: Representation | undefined;
  if (bytes.length >= GZIP_MIN_BYTES) {
    const zipped = await gzip(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (zipped.length < bytes.length) compressed = { body: zipped, etag: etagOf(zipped) };
  }
  return { status, body: bytes, etag: etagOf(bytes), gzip: compressed, headers: compressed ? { ...headers, Vary: 'Accept-Encoding' } : headers };
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
  const ok = cached.status === 200;
  if (ok) res.setHeader('ETag', chosen.etag);
  if (ok && matchesIfNoneMatch(req.headers['if-none-match'], chosen.etag)) {
    res.removeHeader('Content-Type');
    res.statusCode = 304;
    res.end();
    return;
  }
  if (chosen !== cached) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(chosen.body.length));
  res.statusCode = cached.status;
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

/**
 * Responses rendered from an immutable snapshot (the public list, the
 * statement's signatures), kept as bytes per snapshot version and key: built
 * once per version, one build shared by the requests that ask meanwhile, and
 * kept only while the snapshot it was built from is still the owner's current
 * one (`isCurrent`), so a slow build never fills the cache with an old list.
 */
export class SnapshotResponses<S extends { readonly version: string }> {
  private readonly responses: LruCache<CachedResponse>;
  private readonly rendering = new Map<string, Promise<CachedResponse>>();

  constructor(
    capacity: number,
    private readonly isCurrent: (snapshot: S) => boolean,
  ) {
    this.responses = new LruCache(capacity);
  }

  get(snapshot: S, key: string): CachedResponse | undefined {
    return this.responses.get(`${snapshot.version}\u0000${key}`);
  }

  /** The response for `key` from `snapshot`: from the cache, or built now (and kept, also under `alias`). */
  async respond(snapshot: S, key: string, build: (snapshot: S) => Promise<CachedResponse> | CachedResponse, alias?: string): Promise<CachedResponse> {
    const versioned = `${snapshot.version}\u0000${key}`;
    let response = this.responses.get(versioned);
    if (!response) {
      let pending = this.rendering.get(versioned);
      if (!pending) {
        pending = Promise.resolve(build(snapshot));
        this.rendering.set(versioned, pending);
        pending.then(
          (built) => {
            this.rendering.delete(versioned);
            if (this.isCurrent(snapshot)) this.responses.set(versioned, built);
          },
          () => this.rendering.delete(versioned),
        );
      }
      response = await pending;
    }
    if (alias !== undefined && this.isCurrent(snapshot)) this.responses.set(`${snapshot.version}\u0000${alias}`, response);
    return response;
  }

  clear(): void {
    this.responses.clear();
  }
}
