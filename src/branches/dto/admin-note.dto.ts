import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';
import type { NoteRow } from '../admin-notes.service';

export class AddNoteDto extends FormBody {
  @ApiProperty({ minLength: 1, maxLength: 4000, example: 'Phoned the chair: the motion goes to the March meeting.' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the note' })
  @MaxLength(4000, { message: 'The note must be 4,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Note' })
  body!: string;
}

/** An admin's private note on a branch (never shown to its secretary or the public). */
export class AdminNoteDto {
  @ApiProperty({ type: String, pattern: '^[1-9][0-9]*$', description: 'The note’s number (notes are numbered, not uuids)', example: '42' })
  id!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ example: 'Phoned the chair: the motion goes to the March meeting.' }) body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'The admin who wrote it (null once their account is gone)', example: 'Alex Admin' })
  authorName!: string | null;

  static from(branchId: string, n: NoteRow): AdminNoteDto {
    return { id: n.id, branchId, body: n.body, createdAt: n.createdAt, authorName: n.authorName };
  }
}
