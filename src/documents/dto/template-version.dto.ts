import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const TEMPLATE_TITLE_MAX = 200;
export const TEMPLATE_BODY_MAX = 50_000;

/** A template's text as an admin edits it. A browser's textarea sends CRLF line ends: they are stored as LF. */
export class TemplateVersionDto {
  @ApiProperty({ example: 'Model motion for trade union branches', maxLength: TEMPLATE_TITLE_MAX })
  @IsString({ message: 'Enter a title' })
  @IsNotEmpty({ message: 'Enter a title' })
  @MaxLength(TEMPLATE_TITLE_MAX, { message: `The title must be ${TEMPLATE_TITLE_MAX} characters or fewer` })
  title!: string;

  @ApiProperty({
    description: 'Markdown, with the placeholders of the kind (GET /api/admin/documents/{kind} lists them); an unknown placeholder is refused, naming it',
    maxLength: TEMPLATE_BODY_MAX,
    example: '# Model motion\n\nThis branch of {{union}}, {{branch.name}}, meeting on {{meeting.date}}, notes…',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value))
  @IsString({ message: 'Enter the text of the document' })
  @IsNotEmpty({ message: 'Enter the text of the document' })
  @MaxLength(TEMPLATE_BODY_MAX, { message: `The text must be ${TEMPLATE_BODY_MAX.toLocaleString('en-GB')} characters or fewer` })
  body!: string;

  /** The CSRF token the editor's form post carries; checked by middleware, not here (API clients send the header). */
  @IsOptional()
  @IsString()
  _csrf?: string;
}
