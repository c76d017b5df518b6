import { BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidatorOptions } from 'class-validator';
import type { FieldErrors } from '../errors/domain-error';
import { checksOf } from '../validation/field-checks';
import { byFieldOrder, fieldOrderOf } from '../validation/field-order';

/**
 * How basic each rule is. A field shows one message: that of the most basic
 * rule it fails — presence, then type, then the characters it may hold, then
 * format, then size and range, then policy — so an empty field says "Enter …"
 * and "about 300" says "a whole number", never "at most 2,000,000" as well.
 * class-validator runs a property's rules in the reverse of the order its
 * decorators are written, so which rule counts as first is decided here, not
 * by how a DTO happens to list them. A rule not named here ranks with policy.
 */
const RULE_RANK: Record<string, number> = {
  whitelistValidation: 0,
  isDefined: 1,
  isNotEmpty: 1,
  arrayNotEmpty: 1,
  isString: 2,
  isInt: 2,
  isNumber: 2,
  isBoolean: 2,
  isArray: 2,
  isObject: 2,
  isSafeText: 3,
  noHiddenCharacters: 3,
  isEmail: 4,
  isIn: 4,
  isEnum: 4,
  equals: 4,
  matches: 4,
  isUuid: 4,
  isCalendarDate: 4,
  isPublicUnionKey: 4,
  length: 5,
  minLength: 5,
  maxLength: 5,
  min: 5,
  max: 5,
  arrayMinSize: 5,
  arrayMaxSize: 5,
};
const POLICY_RANK = 6;

export function ruleRank(rule: string): number {
  return RULE_RANK[rule] ?? POLICY_RANK;
}

/** The message of the most basic rule that failed (ties: the rule written first). */
function firstMessage(error: ValidationError): string | undefined {
  const failed = Object.entries(error.constraints ?? {});
  if (failed.length === 0) return undefined;
  // Rules run bottom-up, so among equals the last entry is the one written first.
  const [rule, message] = failed.reduceRight((best, next) => (ruleRank(next[0]) < ruleRank(best[0]) ? next : best));
  return rule === 'whitelistValidation' ? `${error.property} is not a field you can set` : message;
}

/**
 * Flattens class-validator's tree into `{ "address.postcode": ["..."] }`:
 * one message per field, fields in the order given.
 */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = firstMessage(error);
    if (message !== undefined && !out[path]) out[path] = [message];
    if (error.children?.length) Object.assign(out, fieldErrors(error.children, path));
  }
  return out;
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly errors: FieldErrors) {
    super({ statusCode: 400, message: 'Please correct the highlighted fields', errors });
  }
}

/** Unknown fields are refused, never silently dropped: mass assignment fails loudly. */
const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** Finds a feature's `FieldChecks` provider by its class. */
export type Resolve = <T>(type: Type<T>) => T;

/**
 * Every problem with a DTO at once, in its field order: the DTO's own rules,
 * then (for the fields that passed them) its feature's checks that need the
 * database or the clock (`@CheckedBy`), merged into one list.
 */
async function completeErrors(object: object, errors: ValidationError[], resolve?: Resolve): Promise<ValidationError[]> {
  const checks = resolve && checksOf(object.constructor);
  const unknownField = errors.some((e) => e.constraints?.whitelistValidation);
  if (checks && !unknownField) {
    const failed = new Set(errors.map((e) => e.property));
    const found = await resolve(checks).check(object, (field) => !failed.has(field));
    for (const [property, messages] of Object.entries(found)) {
      if (failed.has(property) || !messages[0]) continue;
      errors.push({ property, constraints: { fieldCheck: messages[0] }, children: [] });
    }
  }
  return byFieldOrder(errors, (e) => e.property, fieldOrderOf(object.constructor));
}

/**
 * Every rule of a property is run (not `stopAtFirstError`): class-validator
 * would stop at the rule whose decorator is written last, and the most basic
 * failing rule is chosen from all of them instead (`fieldErrors`).
 */
class FormValidationPipe extends ValidationPipe {
  constructor(private readonly resolve?: Resolve) {
    super({
      ...STRICT,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationException(fieldErrors(errors)),
    });
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return completeErrors(object, await super.validate(object, options), this.resolve);
  }
}

/** The app's one validation pipe; `resolve` finds the `@CheckedBy` providers (without it they do not run). */
export function createValidationPipe(resolve?: Resolve): ValidationPipe {
  return new FormValidationPipe(resolve);
}

/**
 * Validates a body by hand, for the few handlers that must re-render a page
 * with more than the form (e.g. a QR code) when the input is refused.
 */
export async function validateBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  const instance = plainToInstance(dto, body ?? {});
  const errors = await completeErrors(instance, await validate(instance, STRICT));
  if (errors.length) throw new RequestValidationException(fieldErrors(errors));
  return instance;
}
