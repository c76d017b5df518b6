import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { IntId404Pipe } from '../common/pipes/int-id.pipe';
import { DocumentKind, isDocumentKind } from './document-kinds';

/** A kind in a path: one of the known kinds, or "not found". */
@Injectable()
export class DocumentKindPipe implements PipeTransform<string, DocumentKind> {
  transform(value: string): DocumentKind {
    if (!isDocumentKind(value)) throw new NotFoundError('No such document');
    return value;
  }
}

export const KIND_404 = new DocumentKindPipe();

/** A version number in a path; anything else (even a number too large to be one) is "not found". */
export const VERSION_404 = new IntId404Pipe('No such version');
