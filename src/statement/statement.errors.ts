import { BadInputError, ConflictError, NotFoundError } from '../common/errors/domain-error';

export const SPENT_LINK = 'This link has expired or was already used. Sign the statement again to get a new one.';

export class StatementLinkInvalidError extends BadInputError {
  constructor(message = SPENT_LINK) {
    super({ token: [message] }, message);
  }
}

export class MessageNotFoundError extends NotFoundError {
  constructor() {
    super('No such message of support');
  }
}

export class MessageNotPublishableError extends ConflictError {
  constructor() {
    super('The author did not allow the campaign to publish this message');
  }
}
