import { NotFoundError } from '../common/errors/domain-error';

export class PoliceAreaNotFoundError extends NotFoundError {
  constructor() {
    super('No such police force area');
  }
}
