import { Controller, Get, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../audit/audit.service';
import { CurrentActor, CurrentUser } from '../../auth/current-user.decorator';
import { ApiFile, Created } from '../../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../../common/openapi/api-error';
import { ApiUuidParam } from '../../common/openapi/api-params';
import { ApiRequestContent } from '../../common/openapi/request-content';
import { INT_ID_404 } from '../../common/pipes/int-id.pipe';
import { UUID_404 } from '../../common/pipes/uuid.pipe';
import type { User } from '../../users/user.entity';
import { SIGNED_LETTER_UPLOAD, SignedLetterDto } from './dto/signed-letter.dto';
import { signedLetterPath } from './signed-letter-panels';
import { SIGNED_LETTER_MEDIA_TYPES } from './signed-letter-content';
import { ApiSignedLetterYear, sendSignedLetter } from './signed-letter-download';
import { SignedLetterUpload } from './signed-letter-upload';
import { SignedLettersService, type UploadedLetter } from './signed-letters.service';

/** The secretary's signed affiliation letter for their own branch; any other branch is 404. */
@ApiTags('documents')
@ApiUuidParam('id', 'The branch: one of yours (any other is 404)')
@Controller('api/branches/:id/signed-letter')
export class SignedLettersController {
  constructor(private readonly letters: SignedLettersService) {}

  @Post()
  @SignedLetterUpload()
  @ApiOperation({
    summary: 'Upload the branch’s signed affiliation letter',
    description:
      'A scan or photo of the letter the branch signed, for this affiliation year; it replaces one uploaded before for the year. ' +
      'Accepted when its content is a PDF, JPEG or PNG, whatever its name or declared type; a file over the limit is refused ' +
      'as it arrives (413). Each refusal names the field `file`. Audited.',
  })
  @ApiRequestContent({ 'multipart/form-data': SIGNED_LETTER_UPLOAD }, 'The file in the field `file`; nothing else')
  @Created(SignedLetterDto, (l) => signedLetterPath(l.branchId, l.affiliationYear), 'The letter as stored; Location is where to download it')
  @ApiErrorResponse(413, 'The file is larger than the limit (SIGNED_LETTER_MAX_MB, 5 MB by default): `errors.file` says so')
  async uploadSignedLetter(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @UploadedFile() file: UploadedLetter | undefined,
  ): Promise<SignedLetterDto> {
    return SignedLetterDto.from((await this.letters.upload(user, actor, id, file)).letter);
  }

  @Get(':year')
  @ApiOperation({ summary: 'Download the branch’s signed affiliation letter', description: 'The file uploaded for that year, as an attachment; 404 when none was.' })
  @ApiSignedLetterYear()
  @ApiFile(SIGNED_LETTER_MEDIA_TYPES, 'The signed letter, in the type its content was detected as')
  async downloadSignedLetter(
    @CurrentUser() user: User,
    @Param('id', UUID_404) id: string,
    @Param('year', INT_ID_404) year: number,
    @Res() res: Response,
  ): Promise<void> {
    sendSignedLetter(res, await this.letters.fileForSecretary(user, id, year));
  }
}
