import { ApiProperty, type SchemaObject } from '@nestjs/swagger';
import { SIGNED_LETTER_MEDIA_TYPES, type SignedLetterMediaType } from '../signed-letter-content';
import type { SignedLetterSummary } from '../signed-letters.repository';

/** A branch's signed affiliation letter for one year, without its content (downloaded on its own). */
export class SignedLetterDto {
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: 'integer', example: 2026, description: 'The affiliation year it was uploaded for' }) affiliationYear!: number;
  @ApiProperty({ enum: SIGNED_LETTER_MEDIA_TYPES, enumName: 'SignedLetterMediaType', description: 'The type its content shows, whatever its name said' })
  mediaType!: SignedLetterMediaType;
  @ApiProperty({ type: 'integer', minimum: 1, example: 482133 }) sizeBytes!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, in hex', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;
  @ApiProperty({ type: String, nullable: true, example: 'signed letter.pdf', description: 'The name the file had when uploaded, cleaned; null once its uploader erased their account' })
  fileName!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The account that uploaded it; null once that account is gone' })
  uploadedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) uploadedAt!: Date;

  static from(l: SignedLetterSummary): SignedLetterDto {
    return {
      branchId: l.branchId,
      affiliationYear: l.affiliationYear,
      mediaType: l.mediaType,
      sizeBytes: l.sizeBytes,
      sha256: l.sha256,
      fileName: l.fileName,
      uploadedBy: l.uploadedBy,
      uploadedAt: l.uploadedAt,
    };
  }
}

/** The upload's multipart body: one file. */
export const SIGNED_LETTER_UPLOAD: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description:
        'A scan or photo of the signed letter: a PDF, JPEG or PNG by its content (its name and declared type are not trusted), ' +
        'at most SIGNED_LETTER_MAX_MB (5 MB by default)',
    },
  },
};
