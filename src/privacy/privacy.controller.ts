import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { DeleteAccountDto } from '../auth/dto/auth.dto';
import { endSession } from '../auth/session-helpers';
import type { User } from '../users/user.entity';
import { AccountErasureService } from './account-erasure.service';
import { PersonalDataService, type PersonalData } from './personal-data.service';

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
  async export(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<PersonalData> {
    res.setHeader('Content-Disposition', `attachment; filename="${EXPORT_FILE_NAME}"`);
    res.setHeader('Cache-Control', 'no-store');
    return this.personalData.export(user, actor);
  }

  @Post('delete')
  @HttpCode(204)
  async delete(@CurrentUser() user: User, @Body() dto: DeleteAccountDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<void> {
    await this.erasure.erase(user, dto.currentPassword, actor);
    await endSession(req);
  }
}
