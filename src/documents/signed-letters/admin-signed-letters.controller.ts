import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../audit/audit.service';
import { CurrentActor } from '../../auth/current-user.decorator';
import { Roles } from '../../common/access';
import { ApiFile } from '../../common/openapi/api-docs.decorators';
import { ApiUuidParam } from '../../common/openapi/api-params';
import { INT_ID_404 } from '../../common/pipes/int-id.pipe';
import { UUID_404 } from '../../common/pipes/uuid.pipe';
import { SIGNED_LETTER_MEDIA_TYPES } from './signed-letter-content';
import { ApiSignedLetterYear, sendSignedLetter } from './signed-letter-download';
import { SignedLettersService } from './signed-letters.service';

/** Admins: a branch's signed letters (listed in GET /api/admin/branches/{id}). */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/branches/:id/signed-letter')
export class AdminSignedLettersController {
  constructor(private readonly letters: SignedLettersService) {}

  @Get(':year')
  @ApiOperation({ summary: 'Download a branch’s signed affiliation letter', description: 'The file the branch uploaded for that year, as an attachment. Audited.' })
  @ApiUuidParam('id', 'The branch')
  @ApiSignedLetterYear()
  @ApiFile(SIGNED_LETTER_MEDIA_TYPES, 'The signed letter, in the type its content was detected as')
  async downloadSignedLetterForAdmin(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Param('year', INT_ID_404) year: number,
    @Res() res: Response,
  ): Promise<void> {
    sendSignedLetter(res, await this.letters.fileForAdmin(actor, id, year));
  }
}
