import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape every error has: `{ statusCode, message, errors? }`. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Please correct the highlighted fields', description: 'What went wrong, in words a person can act on' })
  message!: string;

  @ApiPropertyOptional({
    description:
      'For a 400: every refused field (dotted path for nested ones), in the order the form asks for them, each with exactly one message: the first rule it fails (presence, then type and format, then size). Fields checked against stored data (a payment reference) are reported with the rest',
    example: { name: ['Enter your name'], email: ['Enter an email address like name@example.org'] },
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1 },
  })
  errors?: Record<string, string[]>;
}
