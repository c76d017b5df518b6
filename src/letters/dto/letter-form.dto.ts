import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, ValidateIf } from 'class-validator';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { FieldOrder, IsEmailAddress, TextField } from '../../common/validation';

export const WRITER_NAME_MAX = 120;
export const ADDRESS_MAX = 500;
export const RECIPIENT_NAME_MAX = 120;
export const AREA_MAX = 120;
export const NOTE_MAX = 2000;

/** A letter's fields: the .docx and the plain text take the same. Nothing in them is stored. */
@FieldOrder('writerName', 'writerAddress', 'recipientName', 'area', 'personalNote', 'furtherNote', 'branchId')
export class LetterFormDto {
  @ApiProperty({ description: 'Your name, as you sign the letter', maxLength: WRITER_NAME_MAX, example: 'Sam Jones' })
  @TextField('Your name', WRITER_NAME_MAX, { missing: 'Enter your name' })
  writerName!: string;

  @ApiProperty({ description: 'Your postal address, one line each (representatives answer their own constituents first)', maxLength: ADDRESS_MAX, example: '3 Example Road\nBristol\nBS2 0XX' })
  @TextField('Your address', ADDRESS_MAX, { missing: 'Enter your address', multiline: true })
  writerAddress!: string;

  @ApiPropertyOptional({ description: 'The name of the person you write to; left out, the letter is addressed by their role', maxLength: RECIPIENT_NAME_MAX, example: 'Jo Smith MP' })
  @TextField('Their name', RECIPIENT_NAME_MAX)
  recipientName?: string;

  @ApiPropertyOptional({
    description: 'The constituency (mp), ward (councillor) or police force area (pcc: the key of one of GET /api/public/police-areas); not used for the Home Affairs Committee or the Home Office',
    maxLength: AREA_MAX,
    example: 'Bristol Central',
  })
  @TextField('Area', AREA_MAX)
  area?: string;

  @ApiPropertyOptional({ description: 'Why this matters to you, in your own words: the letter’s first paragraph', maxLength: NOTE_MAX })
  @TextField('Why this matters to you', NOTE_MAX, { multiline: true })
  personalNote?: string;

  @ApiPropertyOptional({ description: 'A further paragraph of your own, after the first', maxLength: NOTE_MAX })
  @TextField('Your further paragraph', NOTE_MAX, { multiline: true })
  furtherNote?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Write as this branch (a signed-in secretary’s own branch; any other is 404): its letterhead, signed on its behalf' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsUUID('all', { message: 'Choose one of your branches' })
  branchId?: string;

  /** The CSRF token a form post carries; checked by middleware, not here. */
  @ApiPropertyOptional({ description: 'The CSRF token, for a form post (other clients send X-CSRF-Token)' })
  @IsOptional()
  @IsString()
  _csrf?: string;
}

/** The builder's form: a letter's fields and, if the writer wants, an email to ask in two weeks whether they had a reply. */
export class LetterBuilderFormDto extends LetterFormDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Only to ask you once, in two weeks, whether they replied; deleted after' })
  @ValidateIf((o: { email?: unknown }) => o.email !== undefined && o.email !== null && o.email !== '')
  @IsEmailAddress({ label: 'Email address' })
  email?: string;
}
