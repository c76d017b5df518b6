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

/** Anything shaped like an email address, as SMTP servers quote recipients in their replies. */
const ADDRESS_LIKE = /[^\s<>()[\]{}"',;:]+@[^\s<>()[\]{}"',;:]+/g;

/** `text` with every email address in it replaced by `[address]`. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS_LIKE, '[address]');
}

/**
 * A send the transport could not complete, told without the addresses the
 * relay's reply may quote ("550 5.1.1 <someone@example.org>: Recipient address
 * rejected"): it is logged when the job fails and kept as the job's output.
 */
export class MailDeliveryError extends Error {
  /** The SMTP reply code, when the relay gave one (4xx temporary, 5xx permanent). */
  readonly responseCode?: number;

  constructor(cause: unknown) {
    super(withoutAddresses(cause instanceof Error ? cause.message : String(cause)));
    this.name = 'MailDeliveryError';
    const code = (cause as { responseCode?: unknown } | null)?.responseCode;
    if (typeof code === 'number') this.responseCode = code;
  }
}
