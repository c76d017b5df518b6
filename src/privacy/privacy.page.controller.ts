import { Body, Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { DeleteAccountDto } from '../auth/dto/auth.dto';
import { endSession } from '../auth/session-helpers';
import { FormView } from '../common/http/form-view';
import { loadRetentionConfig } from '../config/retention.config';
import { LETTER_KIND } from '../replies/letter-kinds';
import { REPLY_STANCE, REPLY_STATUS } from '../replies/reply-status';
import type { User } from '../users/user.entity';
import { AccountErasureService } from './account-erasure.service';
import { activityLabel } from './activity-labels';
import { PersonalDataService } from './personal-data.service';
import { EXPORT_FILE_NAME } from './privacy.controller';
import { retentionTable } from './retention-table';

/** The page's own words, from the configuration the retention job reads (also when a refused form shows it again). */
function privacyPage(): Record<string, unknown> {
  return { title: 'Your data and privacy', retention: retentionTable(loadRetentionConfig()) };
}

/** My account's "Your data and privacy": the data, how long it is kept, and deleting the account. */
@ApiExcludeController()
@Controller('account')
export class PrivacyPageController {
  constructor(
    private readonly personalData: PersonalDataService,
    private readonly erasure: AccountErasureService,
  ) {}

  @Get('privacy')
  @Render('privacy/index')
  privacy(): object {
    return privacyPage();
  }

  /** The same data as the download, to read. */
  @Get('data')
  @Render('privacy/data')
  async data(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<object> {
    res.setHeader('Cache-Control', 'no-store');
    const data = await this.personalData.export(user, actor);
    return {
      title: 'Your data',
      data,
      activity: data.activity.map((e) => ({ ...e, label: activityLabel(e.action) })),
      letterFollowUps: data.letterFollowUps.map((f) => ({ ...f, recipient: LETTER_KIND[f.kind].inSentence })),
      letterReplies: data.letterReplies.map((r) => ({
        ...r,
        recipient: LETTER_KIND[r.kind].label,
        stanceLabel: REPLY_STANCE[r.stance].label,
        statusLabel: REPLY_STATUS[r.status].label,
      })),
    };
  }

  @Get('export.json')
  async export(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const data = await this.personalData.export(user, actor);
    res.setHeader('Content-Disposition', `attachment; filename="${EXPORT_FILE_NAME}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/json').send(JSON.stringify(data, null, 2));
  }

  @Post('delete')
  @FormView('privacy/index', () => ({ ...privacyPage(), errorsIn: 'delete', fieldPrefix: 'delete-' }))
  async delete(@CurrentUser() user: User, @Body() dto: DeleteAccountDto, @Req() req: Request, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.erasure.erase(user, dto.currentPassword, actor);
    await endSession(req);
    res.render('auth/message', {
      title: 'Your account is deleted',
      paragraphs: [
        'Your account and the personal data held with it have been deleted: your name, email address and password, the addresses you typed, and every email we sent you.',
        'A branch you looked after stays registered without a secretary, off the public list, until someone takes it over and confirms its public name.',
        'We have sent one last email to say it is done, and keep no copy of it.',
      ],
    });
  }
}
