import type { NextFunction, Request, Response } from 'express';
import { DomainError, type FieldErrors } from '../errors/domain-error';
import { describeCodePoint } from '../validation/safe-text';

/**
 * How deep a body may nest. Our forms and DTOs go three levels at most; the
 * limit is far above that and far below what overflows the stack of
 * class-transformer (a few thousand levels, a 6 KB body).
 */
export const MAX_INPUT_DEPTH = 32;

/** Keys that name an object's prototype machinery: never data, so never accepted. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** PostgreSQL's text types cannot hold U+0000, and no person types it. */
const NUL = '\u0000';
const NUL_IN_URL = /%00/i;

/** At most this many field errors are reported for one request. */
const MAX_REPORTED = 20;

export class RefusedInputError extends DomainError {
  readonly status = 400;
}

export type InputProblem =
  | { kind: 'too-deep' }
  | { kind: 'forbidden-key'; key: string }
  | { kind: 'nul'; fields: FieldErrors };

const nulMessage = (label: string): string =>
  `${label} contains a hidden or control character (${describeCodePoint(NUL)}) that cannot be used: please retype it`;

/**
 * The same rule for text that arrives another way than a parsed body (an
 * uploaded file): a 400 naming `field` when it holds U+0000.
 */
export function assertNoNul(text: string, field: string, label = field): void {
  if (text.includes(NUL)) throw new RefusedInputError('Please correct the highlighted fields', { [field]: [nulMessage(label)] });
}

/**
 * The first structural problem of a parsed body or query (too deep, or a
 * forbidden key), or else every field holding U+0000, keyed by its dotted
 * path as validation errors are ("address.lines.0"). The walk keeps its own
 * stack, so no depth of input can overflow it.
 */
export function findInputProblem(input: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | undefined {
  const fields: FieldErrors = {};
  let reported = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL) && reported < MAX_REPORTED) {
        const label = path || 'The request';
        fields[label] = [nulMessage(label)];
        reported += 1;
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > maxDepth) return { kind: 'too-deep' };
    // Own keys only: JSON.parse and the query parsers make "__proto__" an own key.
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) || key.includes(NUL)) return { kind: 'forbidden-key', key: key.replaceAll(NUL, '\\0') };
      stack.push({ value: (value as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return reported ? { kind: 'nul', fields } : undefined;
}

/**
 * The form parser (qs) silently drops a `__proto__` field, so the guard would
 * never see it: the parser's `verify` step notes the raw field names instead.
 */
const refusedFormKeys = new WeakMap<Request, string>();

export function noteForbiddenFormKeys(req: Request, _res: Response, raw: Buffer): void {
  for (const key of new URLSearchParams(raw.toString('utf8')).keys()) {
    if (FORBIDDEN_KEYS.has(key)) {
      refusedFormKeys.set(req, key);
      return;
    }
  }
}

function toError(problem: InputProblem): RefusedInputError {
  switch (problem.kind) {
    case 'too-deep':
      return new RefusedInputError(`The request is nested too deeply (more than ${MAX_INPUT_DEPTH} levels)`);
    case 'forbidden-key':
      return new RefusedInputError(`The request holds a field named "${problem.key}", which is not allowed`);
    case 'nul':
      return new RefusedInputError('Please correct the highlighted fields', problem.fields);
  }
}

/**
 * One rule for every request, right after body parsing and before anything
 * reads the input (sessions, CSRF, validation): bodies (JSON and form) and
 * query strings may not nest deeper than MAX_INPUT_DEPTH, may not hold
 * `__proto__`, `constructor` or `prototype` keys, and no text anywhere — body,
 * query or path — may hold U+0000. Each is a 400 in the usual error shape,
 * with field errors for a NUL in a named field.
 */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  const formKey = refusedFormKeys.get(req);
  const problem = (formKey !== undefined ? { kind: 'forbidden-key' as const, key: formKey } : undefined) ?? findInputProblem(req.body) ?? findInputProblem(req.query);
  if (problem) return next(toError(problem));
  // A NUL in the path (so in a route parameter) has no field to name.
  if (NUL_IN_URL.test(req.path) || NUL_IN_URL.test(req.url)) {
    return next(new RefusedInputError(`The address contains a hidden or control character (${describeCodePoint(NUL)}) that cannot be used`));
  }
  next();
}
