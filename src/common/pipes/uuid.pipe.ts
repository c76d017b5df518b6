import { ParseUUIDPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { NotFoundError } from '../errors/domain-error';

/**
 * Validates an id before any query sees it: a malformed id is simply "not
 * found" (never reaching `findOneBy({ id: undefined })`, which returns a row).
 */
export const UUID_404 = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError() });

/** The same check for an id read from the request outside a pipe (e.g. a refused form's page context). */
export function uuidOr404(value: unknown): string {
  if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundError();
  return value;
}
