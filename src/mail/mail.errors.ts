/**
 * An email a feature built wrongly. Caught when it is queued, so the caller's
 * transaction fails with it instead of a job that can never be delivered.
 * Callers validate user input first; this is a programming error, hence a 500.
 */
export class InvalidEmailError extends Error {
  constructor(reason: string) {
    super(`Cannot queue this email: ${reason}`);
    this.name = 'InvalidEmailError';
  }
}
