import { BadInputError, DomainError, NotFoundError } from '../../common/errors/domain-error';
import { sizeLabel } from './signed-letter-content';

/** The one field of the upload form and of the API's multipart body. */
export const SIGNED_LETTER_FIELD = 'file';

const refused = (message: string): Record<string, string[]> => ({ [SIGNED_LETTER_FIELD]: [message] });

export class SignedLetterNotFoundError extends NotFoundError {
  constructor() {
    super('No signed letter for that year');
  }
}

export class SignedLetterMissingError extends BadInputError {
  constructor() {
    super(refused('Select the signed letter to upload'));
  }
}

export class SignedLetterEmptyError extends BadInputError {
  constructor() {
    super(refused('The selected file is empty'));
  }
}

/** Anything but a PDF, JPEG or PNG by its content, whatever its name or declared type. */
export class SignedLetterTypeError extends BadInputError {
  constructor(what?: string) {
    super(refused(`The selected file must be a PDF, JPEG or PNG${what ? `: this one is ${what}` : ', and this one is not, whatever its name says'}`));
  }
}

/** Refused while it arrives, before the rest is read (413, as any body over its limit). */
export class SignedLetterTooLargeError extends DomainError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super('Please correct the highlighted fields', refused(`The selected file must be smaller than ${sizeLabel(maxBytes)}`));
  }
}

/** A multipart body that is not one file in the field `file` (another field, a second file, a broken body). */
export class SignedLetterUploadError extends BadInputError {
  constructor(message = 'The selected file could not be uploaded – try again') {
    super(refused(message));
  }
}
