import { ConflictError } from '../common/errors/domain-error';

export const EMAIL_TAKEN_MESSAGE = 'An account with that email address already exists';

/** Only where saying so reveals nothing new: never on registration, which answers the same either way. */
export class EmailTakenError extends ConflictError {
  constructor(message = EMAIL_TAKEN_MESSAGE) {
    super(message, { email: [message] });
  }
}
