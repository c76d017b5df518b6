import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { redactPath } from './token-paths';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** What the request's `id` and Express's `originalUrl` add to Node's request. */
type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** Reuse a well-formed id from a proxy so logs line up across hops; otherwise mint one. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** A request in a log line: its id, method and path (query dropped, secret segments redacted), nothing else. */
export function serializeRequest(req: LoggedRequest): { id: unknown; method: string | undefined; path: string } {
  return { id: req.id, method: req.method, path: redactPath(req.originalUrl ?? req.url ?? '') };
}

export function serializeResponse(res: ServerResponse): { statusCode: number } {
  return { statusCode: res.statusCode };
}

/**
 * Writes the request's one log line when its response is done (or the
 * connection closes first), in the shape pino-http writes — `req`, `res`,
 * `responseTime` in ms, "request completed", or "request errored" with an `err`
 * for a 5xx — straight from the root logger: no child logger, listener set or
 * async context per request.
 */
export function logRequest(root: Logger, req: LoggedRequest, res: ServerResponse): void {
  if (!root.isLevelEnabled('info')) return;
  const start = Date.now();
  res.once('close', () => {
    const responseTime = Date.now() - start;
    if (res.statusCode >= 500) {
      root.info({ req, res, err: new Error(`failed with status code ${res.statusCode}`), responseTime }, 'request errored');
    } else {
      root.info({ req, res, responseTime }, 'request completed');
    }
  });
}
