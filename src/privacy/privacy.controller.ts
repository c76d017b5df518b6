import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { DeleteAccountDto } from '../auth/dto/auth.dto';
import { endSession } from '../auth/session-helpers';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import type { User } from '../users/user.entity';
import { AccountErasureService } from './account-erasure.service';
import { PersonalDataDto } from './dto/personal-data.dto';
import { PersonalDataService } from './personal-data.service';

export const EXPORT_FILE_NAME = 'my-affiliation-portal-data.json';

/** A person's own data through the API: take it away, or erase it. */
@ApiTags('account')
@Controller('api/me')
export class PrivacyController {
  constructor(
    private readonly personalData: PersonalDataService,
    private readonly erasure: AccountErasureService,
  ) {}

  @Get('export')
  @ApiOperation({ summary: 'Download all my data (JSON)', description: 'Everything the portal holds about the signed-in person. The export itself is recorded in the activity it lists.' })
  @ApiOkResponse({
    type: PersonalDataDto,
    description: 'My data, as a JSON file to save',
    headers: { 'Content-Disposition': { description: `attachment; filename="${EXPORT_FILE_NAME}"`, schema: { type: 'string' } } },
  })
  async exportMyData(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<PersonalDataDto> {
    res.setHeader('Content-Disposition', `attachment; filename="${EXPORT_FILE_NAME}"`);
    res.setHeader('Cache-Control', 'no-store');
    return this.personalData.export(user, actor);
  }

  @Post('delete')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete my account (with my password, and confirm: "DELETE")',
    description:
      'Erases the account and what the portal holds about the person, and signs out. Branches and their affiliations stay, without a secretary. ' +
      '400: wrong password or no confirmation; 409: the only admin (invite another first).',
  })
  @ApiNoContentResponse({ description: 'Deleted and signed out' })
  @ApiErrors(409)
  async deleteMyAccount(@CurrentUser() user: User, @Body() dto: DeleteAccountDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<void> {
    await this.erasure.erase(user, dto.currentPassword, actor);
    await endSession(req);
  }
}
