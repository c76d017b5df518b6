import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';

export class BranchNotFoundError extends NotFoundError {
  constructor() {
    super('Branch not found');
  }
}

/** The duplicate guard: `errors.duplicate` tells a form to offer a takeover request instead. */
export class BranchExistsError extends ConflictError {
  /** `branchId`, the branch it duplicates, is for the audit log only: never in the answer. */
  constructor(
    readonly by: 'name' | 'code',
    readonly branchId?: string,
  ) {
    const field = by === 'name' ? 'name' : 'code';
    const message =
      by === 'name'
        ? 'A branch of this union with this name is already registered. You can ask to take it over instead of registering it again.'
        : 'A branch of this union with this code is already registered. You can ask to take it over instead of registering it again.';
    super(message, { [field]: [message], duplicate: ['true'] });
  }
}

export class NoteNotFoundError extends NotFoundError {
  constructor() {
    super('Note not found');
  }
}

export class ClaimNotFoundError extends NotFoundError {
  constructor() {
    super('Takeover request not found');
  }
}

export class ClaimAlreadyDecidedError extends ConflictError {
  constructor(status: string) {
    super(`This takeover request was already ${status} by another admin.`);
  }
}

export class AlreadySecretaryError extends ConflictError {
  constructor() {
    super('You are already the secretary of this branch.');
  }
}

export class HandoverInvalidError extends NotFoundError {
  constructor() {
    super('This hand-over link is not valid: it may have been used already, cancelled or expired. Ask the branch secretary to send a new one.');
  }
}

export class HandoverWrongAccountError extends ForbiddenError {
  constructor() {
    super('This hand-over was sent to a different email address. Sign in with the account for that address to accept it.');
  }
}

/** A hand-over moves a branch's data to an account: only one that proved it owns the invited address. */
export class HandoverEmailUnverifiedError extends ForbiddenError {
  constructor() {
    super('Confirm your email address before you accept: open the link we emailed you when you registered, or ask for a new one from the invitation page.');
  }
}

export class HandoverToSelfError extends BadInputError {
  constructor() {
    super({ email: ['Enter the email address of the next secretary, not your own'] });
  }
}

export class ReassignTargetError extends BadInputError {
  constructor() {
    super({ email: ['There is no secretary account with this email address. Ask them to register first.'] });
  }
}
