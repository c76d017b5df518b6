import { BadInputError, ConflictError } from '../common/errors/domain-error';

export const EMAIL_TAKEN_MESSAGE = 'An account with that email address already exists';

/** Only where saying so reveals nothing new: never on registration, which answers the same either way. */
export class EmailTakenError extends ConflictError {
  constructor(message = EMAIL_TAKEN_MESSAGE) {
    super(message, { email: [message] });
  }
}

/** The current password, asked again before a change that matters, was not right. */
export class WrongPasswordError extends BadInputError {
  constructor() {
    super({ currentPassword: ['Your current password is not right'] }, 'Your current password is not right');
  }
}
