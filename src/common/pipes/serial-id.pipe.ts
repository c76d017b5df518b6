import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-error';

/** Up to 18 digits: every bigint the sequences will reach, and never one PostgreSQL refuses as out of range. */
export const SERIAL_ID_PATTERN = /^[1-9][0-9]{0,17}$/;

/**
 * A numbered row's id (a bigint sequence, kept as text) from a path: anything
 * else is "not found" before a query sees it, as UUID_404 does for uuids.
 */
class ParseSerialIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SERIAL_ID_PATTERN.test(value)) throw new NotFoundError();
    return value;
  }
}

export const SERIAL_ID_404 = new ParseSerialIdPipe();
