import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';

export class AddNoteDto extends FormBody {
  @ApiProperty()
  @TrimmedOrUndefined()
  @IsString({ message: 'Write the note' })
  @Length(1, 4000, { message: 'Write the note (up to 4,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Note' })
  body!: string;
}
