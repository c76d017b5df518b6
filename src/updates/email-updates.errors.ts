import { BadInputError } from '../common/errors/domain-error';

/** No one is in the chosen audiences: there is nothing to send. */
export class NoRecipientsError extends BadInputError {
  constructor() {
    super({ audiences: ['Nobody in the chosen audiences gets updates at the moment: choose another, or wait until someone does'] }, 'Nobody to send to');
  }
}

/** An audience the portal does not offer (yet): its owning feature has not registered it. */
export class AudienceUnavailableError extends BadInputError {
  constructor(key: string) {
    super({ audiences: [`The audience "${key}" is not available`] }, 'Choose from the audiences offered');
  }
}
