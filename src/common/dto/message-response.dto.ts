import { ApiProperty } from '@nestjs/swagger';

/** An answer that only says, in words for a person, what happened (or will happen). */
export class MessageResponseDto {
  @ApiProperty({ example: 'Your password has been changed. Please sign in.' })
  message!: string;

  static of(message: string): MessageResponseDto {
    return { message };
  }
}
