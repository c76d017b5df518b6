import { ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-error';

/**
 * Validates an id before any query sees it: a malformed id is simply "not
 * found" (never reaching `findOneBy({ id: undefined })`, which returns a row).
 */
export const UUID_404 = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError() });
