import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { FieldErrors } from '../errors/domain-error';

/**
 * A feature's rules on a form that need the database or the clock (a
 * reference that names an invoice, a date not in the future). The validation
 * pipe runs them on the fields that passed the DTO's own rules and reports
 * every problem in one answer, in field order, so a person never fixes one
 * field only to be told about the next. The service still enforces the same
 * rules where it acts (inside its transaction): these checks only make the
 * first answer complete.
 */
export interface FieldChecks<T extends object = object> {
  /** `passed(field)` says whether the DTO's rules accepted that field's value. */
  check(dto: T, passed: (field: string) => boolean): Promise<FieldErrors>;
}

const CHECKED_BY = Symbol('checkedBy');

/** Names the provider (in the DTO's feature module) whose checks run with this DTO's rules. */
export const CheckedBy =
  (checks: Type<FieldChecks>): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(CHECKED_BY, checks, target);
  };

export function checksOf(type: Function): Type<FieldChecks> | undefined {
  return Reflect.getMetadata(CHECKED_BY, type) as Type<FieldChecks> | undefined;
}
