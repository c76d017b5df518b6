/** Field name → messages, the shape a form re-renders and the API returns as `errors`. */
export type FieldErrors = Record<string, string[]>;

/**
 * An expected failure a service reports in the domain's words. The exception
 * filter maps it to HTTP once: JSON for the API, a page for browsers.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** What the API's error body says besides `statusCode`, `message` and `errors` (e.g. when an action may be repeated); the operation documents it. */
  details?: Record<string, unknown>;
  constructor(
    message: string,
    readonly errors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(message = 'Not found') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class BadInputError extends DomainError {
  readonly status = 400;
  constructor(errors: FieldErrors, message = 'Please correct the highlighted fields') {
    super(message, errors);
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}
