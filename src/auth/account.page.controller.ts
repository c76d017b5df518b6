import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { FormView } from '../common/http/form-view';
import { safeNext, withQuery } from '../common/http/safe-next';
import type { User } from '../users/user.entity';
import { AccountService } from './account.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { ChangeEmailDto, ChangeNameDto, ChangePasswordDto, CurrentPasswordDto, EmailUpdatesDto, ResendVerificationFormDto, TokenDto } from './dto/auth.dto';
import { Public } from '../common/access';
import { AuthService } from './auth.service';

const TITLE = 'My account';
/** A refused form of the account page shows the rest of the page as it was. */
const accountPage = (page: AccountPageController, req: Request) => page.view(req.user as User);

@ApiExcludeController()
@Controller('account')
export class AccountPageController {
  constructor(
    private readonly account: AccountService,
    private readonly auth: AuthService,
  ) {}

  /** The account page, also around a refused form of it (how many recovery codes are left). */
  async view(user: User, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return {
      title: TITLE,
      emailUpdates: user.emailUpdates,
      unusedRecoveryCodes: user.totpSecret ? await this.account.unusedRecoveryCodes(user) : undefined,
      ...extra,
    };
  }

  @Get()
  @Render('account/index')
  async index(@CurrentUser() user: User, @Query('done') done?: string): Promise<object> {
    const notices: Record<string, string> = {
      name: 'Your name has been changed.',
      email: 'We have sent a link to your new address. Your address changes when you open it.',
      password: 'Your password has been changed and your other sessions signed out.',
      verification: 'We have sent you a new confirmation link.',
      updatesOn: 'You will get the campaign’s email updates.',
      updatesOff: 'You will not get the campaign’s email updates.',
    };
    return this.view(user, { notice: done ? notices[done] : undefined });
  }

  @Post('name')
  @FormView('account/index', { title: TITLE, errorsIn: 'name', fieldPrefix: 'name-' }, accountPage)
  async name(@CurrentUser() user: User, @Body() dto: ChangeNameDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.account.changeName(user, dto.name, actor);
    res.redirect(303, '/account?done=name');
  }

  @Post('email')
  @FormView('account/index', { title: TITLE, errorsIn: 'email', fieldPrefix: 'email-' }, accountPage)
  async email(@CurrentUser() user: User, @Body() dto: ChangeEmailDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.account.requestEmailChange(user, dto.email, dto.currentPassword, actor);
    res.redirect(303, '/account?done=email');
  }

  @Post('password')
  @FormView('account/index', { title: TITLE, errorsIn: 'password', fieldPrefix: 'password-' }, accountPage)
  async password(@CurrentUser() user: User, @Body() dto: ChangePasswordDto, @Req() req: Request, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.account.changePassword(user, dto.currentPassword, dto.newPassword, req.sessionID, actor);
    res.redirect(303, '/account?done=password');
  }

  @Post('email-updates')
  @FormView('account/index', { title: TITLE, errorsIn: 'updates', fieldPrefix: 'updates-' }, accountPage)
  async emailUpdates(@CurrentUser() user: User, @Body() dto: EmailUpdatesDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.account.setEmailUpdates(user, dto.enabled, actor);
    res.redirect(303, `/account?done=${dto.enabled ? 'updatesOn' : 'updatesOff'}`);
  }

  /** From the account page, or from a page that needs a confirmed address (it passes `next` to come back to). */
  @Post('resend-verification')
  async resend(@CurrentUser() user: User, @Body() dto: ResendVerificationFormDto, @Res() res: Response): Promise<void> {
    const next = safeNext(dto.next, '');
    await this.auth.resendVerification(user, next || undefined);
    res.redirect(303, next ? withQuery(next, 'verification', 'sent') : '/account?done=verification');
  }

  @Post('recovery-codes')
  @FormView('account/index', { title: TITLE, errorsIn: 'recovery', fieldPrefix: 'recovery-' }, accountPage)
  @Render('auth/recovery-codes')
  async recoveryCodes(@CurrentUser() user: User, @Body() dto: CurrentPasswordDto, @CurrentActor() actor: Actor): Promise<object> {
    const codes = await this.account.regenerateRecoveryCodes(user, dto.currentPassword, actor);
    return { title: 'Your new recovery codes', codes, regenerated: true };
  }

  @Public()
  @Get('confirm-email')
  @Render('auth/confirm-token')
  confirmForm(@Query('token') token = ''): object {
    return { title: 'Confirm your new email address', intro: 'Press the button to make this your account\'s email address.', action: '/account/confirm-email', button: 'Confirm my new address', token };
  }

  @Public()
  @Post('confirm-email')
  @FormView('auth/confirm-token', { title: 'Confirm your new email address', action: '/account/confirm-email', button: 'Confirm my new address' })
  @Render('auth/message')
  async confirm(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<object> {
    const ok = await this.account.confirmEmailChange(dto.token, actor);
    return ok
      ? { title: 'Email address changed', paragraphs: ['Your account now uses the new address.'] }
      : { title: 'This link no longer works', paragraphs: ['It has expired or was already used. Ask for the change again from My account.'] };
  }
}
