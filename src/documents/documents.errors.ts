import { BadInputError, DomainError } from '../common/errors/domain-error';

/**
 * A template the portal cannot use: an unknown placeholder, a broken `{{`,
 * Markdown the documents do not support. `errors.body` names every problem, in
 * words an admin editing the text can act on, as the one message a field has.
 */
export class TemplateInvalidError extends BadInputError {
  constructor(
    readonly problems: string[],
    field: 'body' | 'title' = 'body',
  ) {
    super({ [field]: [problems.join(' ')] }, `The template cannot be used: ${problems.join(' ')}`);
  }
}

/** A value given to fill a placeholder that is not of the placeholder's type. */
export class PlaceholderValueError extends BadInputError {
  constructor(placeholder: string, message: string) {
    super({ [placeholder]: [message] }, message);
  }
}

/** No version of a template is stored and none could be seeded. */
export class TemplateMissingError extends DomainError {
  readonly status = 503;
}
