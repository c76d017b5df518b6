import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape every error has: `{ statusCode, message, errors? }`. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Please correct the highlighted fields', description: 'What went wrong, in words a person can act on' })
  message!: string;

  @ApiPropertyOptional({
    description: 'For a 400: each refused field (dotted path for nested ones) with its message',
    example: { email: ['Enter an email address, like name@example.org'] },
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  errors?: Record<string, string[]>;
}
