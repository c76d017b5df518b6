import type { OpenAPIObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { ERROR_MEANINGS, type ErrorStatus } from './api-docs.decorators';
import { ErrorResponseDto } from './error-response.dto';
import { applyRequestContent } from './request-content';

/** How a route is reached, as `@Public()` and `@Roles()` mark it (x-access); the rest needs a signed-in session. */
export type Access = 'public' | 'session' | 'admin';

export const SECURITY_SCHEMES = {
  session: 'session',
  adminSession: 'adminSession',
  csrf: 'csrf',
} as const;

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
  security?: Record<string, string[]>[];
  'x-access'?: string;
  [key: string]: unknown;
}

function accessOf(path: string, op: Operation): Access {
  const marked = op['x-access'];
  if (marked === 'public') return 'public';
  if (marked === 'admin' || path.startsWith('/api/admin/')) return 'admin';
  return 'session';
}

/**
 * Finishes the document so it says what the code does, for every operation at
 * once rather than by hand on each: who may call it (security, from the
 * access decorators), the CSRF header on every state change, and the errors
 * any operation of its kind can give (every one can meet a database outage,
 * every protected one a missing session, every state change a stale CSRF
 * token or a refused body). Operations add their own (404, 409, 429…) with
 * ApiErrors.
 */
export function finishContract(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (!value || typeof value !== 'object' || !('responses' in value)) continue;
      const op = value;
      applyRequestContent(op);
      const access = accessOf(path, op);
      delete op['x-access'];
      // The one-click unsubscribe (RFC 8058): a mail client POSTs with no session, so no CSRF token either.
      const csrfExempt = op['x-csrf-exempt'] === true;
      delete op['x-csrf-exempt'];
      const changes = STATE_CHANGING.has(method) && !csrfExempt;
      const session = access === 'admin' ? SECURITY_SCHEMES.adminSession : SECURITY_SCHEMES.session;
      if (access === 'public') {
        // A public form still needs the anonymous session GET /api/csrf starts, and its token.
        op.security = changes ? [{ [SECURITY_SCHEMES.session]: [], [SECURITY_SCHEMES.csrf]: [] }] : [];
      } else {
        op.security = [{ [session]: [], ...(changes && { [SECURITY_SCHEMES.csrf]: [] }) }];
      }
      const errors: ErrorStatus[] = [503];
      if (access !== 'public') errors.push(401);
      if (access === 'admin' || changes) errors.push(403);
      if (changes || (op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path')) errors.push(400);
      if (op.requestBody) errors.push(413);
      if ((op.parameters ?? []).some((p) => p.in === 'path')) errors.push(404);
      for (const status of errors) {
        op.responses[String(status)] ??= {
          description: ERROR_MEANINGS[status],
          content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
          ...(status === 503 && {
            headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
          }),
        };
      }
    }
  }
  return document;
}
