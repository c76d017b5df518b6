import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-error';

/** The largest value of a PostgreSQL `integer` column. */
const MAX_INT4 = 2_147_483_647;

/**
 * A whole-number id in a path (a fee band, a template version): anything else
 * — letters, a fraction, zero, or a number too large for the column, which
 * PostgreSQL would refuse with an error — is simply "not found".
 */
@Injectable()
export class IntId404Pipe implements PipeTransform<string, number> {
  constructor(private readonly message?: string) {}

  transform(value: string): number {
    const n = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!(n <= MAX_INT4)) throw new NotFoundError(this.message);
    return n;
  }
}

export const INT_ID_404 = new IntId404Pipe();
