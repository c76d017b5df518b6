import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldErrors } from '../errors/domain-error';

/** Flattens class-validator's tree into `{ "address.postcode": ["..."] }`. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const messages = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation' ? `${error.property} is not a field you can set` : message,
      );
      out[path] = [...(out[path] ?? []), ...messages];
    }
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...STRICT,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(fieldErrors(errors)),
  });
}

/**
 * Validates a body by hand, for the few handlers that must re-render a page
 * with more than the form (e.g. a QR code) when the input is refused.
 */
export async function validateBody<T extends object>(dto: new () => T, body: unknown): Promise<T> {
  const instance = plainToInstance(dto, body ?? {});
  const errors = await validate(instance, STRICT);
  if (errors.length) throw new RequestValidationException(fieldErrors(errors));
  return instance;
}
