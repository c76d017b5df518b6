import { ApiProperty } from '@nestjs/swagger';

/** A letter as plain text, ready to paste into an email or a representative's web form. */
export class LetterTextDto {
  @ApiProperty({ description: 'The subject line', example: 'Undercover police abuse of women: please back Police Spies Out of Lives' })
  subject!: string;

  @ApiProperty({ description: 'The letter, paragraphs separated by a blank line; the subject is not repeated in it' })
  text!: string;
}
