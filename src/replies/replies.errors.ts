import { NotFoundError } from '../common/errors/domain-error';

export class ReplyNotFoundError extends NotFoundError {
  constructor() {
    super('No such reply');
  }
}
