import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { statusPast, type AffiliationStatus } from './affiliation-status';

export class AffiliationNotFoundError extends NotFoundError {
  constructor() {
    super('Affiliation not found');
  }
}

/** The action is not possible from the affiliation's current status. */
export class AffiliationStatusConflictError extends ConflictError {
  constructor(status: AffiliationStatus, byAnotherAdmin: boolean) {
    super(
      `This affiliation was already ${statusPast(status)}${byAnotherAdmin ? ' by another admin' : ''}, so that cannot be done now. Reload the page to see where it stands.`,
    );
  }
}

export class AffiliationExistsError extends ConflictError {
  constructor(year: number, status: AffiliationStatus) {
    super(`Your branch has already sent its affiliation for ${year} (it is ${statusPast(status)}).`);
  }
}

export class EmailNotVerifiedError extends ForbiddenError {
  constructor() {
    super('Please confirm your email address before submitting the affiliation: open the link we emailed you when you registered (you can ask for a new one on your account page).');
  }
}

export class MessageRequiredError extends BadInputError {
  constructor(field: 'reason' | 'message') {
    super({ [field]: [field === 'reason' ? 'Enter the reason, which is sent to the branch secretary' : 'Enter what needs changing, which is sent to the branch secretary'] });
  }
}

export class PayWhatYouCanNotRequestedError extends ConflictError {
  constructor() {
    super('This branch did not ask to pay what it can.');
  }
}
