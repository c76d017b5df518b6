import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { isLetterRecipient, type LetterRecipient } from './letter-recipients';

/** A recipient in a path: one of the five, or "not found". */
@Injectable()
export class LetterRecipientPipe implements PipeTransform<string, LetterRecipient> {
  transform(value: string): LetterRecipient {
    if (!isLetterRecipient(value)) throw new NotFoundError('No such letter');
    return value;
  }
}

export const RECIPIENT_404 = new LetterRecipientPipe();
