import { Body, Controller, Get, HttpCode, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import type { Actor } from '../audit/audit.service';
import { FormView } from '../common/http/form-view';
import { safeNext } from '../common/http/safe-next';
import { validateBody } from '../common/http/validation';
import type { User } from '../users/user.entity';
import { AdminsService } from './admins.service';
import { AuthService, REGISTERED_MESSAGE, RESET_REQUESTED_MESSAGE } from './auth.service';
import { CurrentActor } from './current-user.decorator';
import { CompleteAdminDto, EmailDto, LoginFormDto, MfaFormDto, RegisterFormDto, ResetPasswordDto, SetupAdminDto, VerifyEmailFormDto } from './dto/auth.dto';
import { Public } from '../common/access';
import { endSession, establishSession, pendingMfaUser, startMfa } from './session-helpers';
import { TotpService } from './totp.service';


const home = (user: User): string => (user.role === 'admin' ? '/admin' : '/branch');

const message = (title: string, paragraphs: string[], link?: { href: string; text: string }) => ({ title, paragraphs, link });

@ApiExcludeController()
@Public()
@Controller()
export class AuthPageController {
  constructor(
    private readonly auth: AuthService,
    private readonly admins: AdminsService,
    private readonly totp: TotpService,
  ) {}

  @Get('register')
  @Render('auth/register')
  registerForm(@Query('next') next?: string): object {
    return { title: 'Register', next: safeNext(next, '') };
  }

  @Post('register')
  @FormView('auth/register', { title: 'Register' })
  @Render('auth/message')
  async register(@Body() dto: RegisterFormDto, @CurrentActor() actor: Actor): Promise<object> {
    const { next, ...input } = dto;
    await this.auth.register(input, actor, next);
    return message('Check your email', [REGISTERED_MESSAGE, 'The link works for 24 hours. You can sign in meanwhile, but you need a confirmed address to submit an affiliation.'], { href: '/login', text: 'Sign in' });
  }

  @Get('login')
  loginForm(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): void {
    if (req.user) return res.redirect(303, home(req.user as User));
    res.render('auth/login', { title: 'Sign in', next: safeNext(next, '') });
  }

  @Post('login')
  @FormView('auth/login', { title: 'Sign in' })
  async login(@Body() dto: LoginFormDto, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const outcome = await this.auth.login(dto.email, dto.password, actor);
    if (outcome.kind === 'mfa-required') {
      await startMfa(req, outcome.userId);
      return res.redirect(303, `/login/mfa${dto.next ? `?next=${encodeURIComponent(safeNext(dto.next, ''))}` : ''}`);
    }
    await establishSession(req, outcome.user);
    res.redirect(303, safeNext(dto.next, home(outcome.user)));
  }

  @Get('login/mfa')
  mfaForm(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): void {
    if (!pendingMfaUser(req)) return res.redirect(303, '/login');
    res.render('auth/mfa', { title: 'Security code', next: safeNext(next, '') });
  }

  @Post('login/mfa')
  @FormView('auth/mfa', { title: 'Security code' })
  async mfa(@Body() dto: MfaFormDto, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const userId = pendingMfaUser(req);
    if (!userId) return res.redirect(303, '/login');
    const user = await this.auth.completeMfa(userId, dto.code, actor);
    await establishSession(req, user);
    res.redirect(303, safeNext(dto.next, home(user)));
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    if (req.user) await this.auth.recordLogout(actor);
    await endSession(req);
    res.redirect(303, '/');
  }

  @Get('verify-email')
  @Render('auth/confirm-token')
  verifyForm(@Query('token') token = '', @Query('next') next?: string): object {
    return { title: 'Confirm your email address', intro: 'Press the button to confirm your email address.', action: '/verify-email', button: 'Confirm my email address', token, next: safeNext(next, '') };
  }

  @Post('verify-email')
  @FormView('auth/confirm-token', { title: 'Confirm your email address', action: '/verify-email', button: 'Confirm my email address' })
  @Render('auth/message')
  async verify(@Body() dto: VerifyEmailFormDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.auth.verifyEmailOrThrow(dto.token, actor);
    const next = safeNext(dto.next, '');
    // Sent here from somewhere that needed a confirmed address (a hand-over invitation): go back there.
    if (next) return message('Email address confirmed', ['Thank you: your email address is confirmed. You can now carry on where you left off.'], { href: next, text: 'Continue' });
    return message('Email address confirmed', ['Thank you: your email address is confirmed. You can now submit your branch\'s affiliation.'], { href: '/branch', text: 'Go to my branch' });
  }

  @Get('forgot-password')
  @Render('auth/forgot-password')
  forgotForm(): object {
    return { title: 'Reset your password' };
  }

  @Post('forgot-password')
  @FormView('auth/forgot-password', { title: 'Reset your password' })
  @Render('auth/message')
  async forgot(@Body() dto: EmailDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.auth.requestPasswordReset(dto.email, actor);
    return message('Check your email', [RESET_REQUESTED_MESSAGE]);
  }

  @Get('reset-password')
  @Render('auth/reset-password')
  resetForm(@Query('token') token = ''): object {
    return { title: 'Choose a new password', token };
  }

  @Post('reset-password')
  @FormView('auth/reset-password', { title: 'Choose a new password' })
  @Render('auth/message')
  async reset(@Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.auth.resetPassword(dto.token, dto.password, actor);
    return message('Password changed', ['Your password has been changed and every session signed out. Please sign in with your new password.'], { href: '/login', text: 'Sign in' });
  }

  @Get('setup/admin')
  async setupForm(@Query('token') token = '', @Res() res: Response): Promise<void> {
    if (!(await this.admins.peekLink('admin_setup', token))) {
      res.status(404);
      return res.render('auth/message', message('This setup link no longer works', ['It has expired or was already used. Restart the portal to log a new one, or ask an existing admin to invite you.']));
    }
    res.render('auth/admin-enrol', await this.enrolView('Create the first admin account', '/setup/admin', token, true));
  }

  @Post('setup/admin')
  @HttpCode(201)
  async setup(@Body() body: Record<string, unknown>, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.completeEnrolment('admin_setup', body, res, actor, '/setup/admin', 'Create the first admin account', true);
  }

  @Get('invite/accept')
  async inviteForm(@Query('token') token = '', @Res() res: Response): Promise<void> {
    const link = await this.admins.peekLink('admin_invite', token);
    if (!link) {
      res.status(404);
      return res.render('auth/message', message('This invitation no longer works', ['It has expired or was already used. Ask the admin who invited you to send a new one.']));
    }
    res.render('auth/admin-enrol', { ...(await this.enrolView('Accept your admin invitation', '/invite/accept', token, false)), inviteName: link.name, inviteEmail: link.email });
  }

  @Post('invite/accept')
  @HttpCode(201)
  async accept(@Body() body: Record<string, unknown>, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.completeEnrolment('admin_invite', body, res, actor, '/invite/accept', 'Accept your admin invitation', false);
  }

  private async enrolView(title: string, action: string, token: string, askIdentity: boolean, secret = this.totp.newSecret(), label = 'admin') {
    const qr = await QRCode.toDataURL(this.totp.uri(label, secret), { margin: 1, width: 200 });
    return {
      title,
      intro: 'Admins protect the branches\' data with a password and an authenticator app. Both are needed at every sign-in.',
      action,
      token,
      askIdentity,
      totpSecret: secret,
      qr,
    };
  }

  /** Re-renders the same QR code on a mistake, so the app already set up keeps working. */
  private async completeEnrolment(
    purpose: 'admin_setup' | 'admin_invite',
    body: Record<string, unknown>,
    res: Response,
    actor: Actor,
    action: string,
    title: string,
    askIdentity: boolean,
  ): Promise<void> {
    const { _csrf, ...fields } = body;
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    try {
      const dto = await validateBody(askIdentity ? SetupAdminDto : CompleteAdminDto, fields);
      const { recoveryCodes } = await this.admins.complete(purpose, dto, actor);
      res.status(201).render('auth/recovery-codes', { title: 'Your recovery codes', codes: recoveryCodes });
    } catch (error) {
      const e = error as { status?: number; message: string; errors?: Record<string, string[]> };
      if (!e.status || e.status >= 500) throw error;
      const token = str(fields.token);
      const secret = /^[A-Z2-7]{16,64}$/.test(str(fields.totpSecret)) ? str(fields.totpSecret) : undefined;
      const link = purpose === 'admin_invite' ? await this.admins.peekLink(purpose, token) : undefined;
      res.status(e.status).render('auth/admin-enrol', {
        ...(await this.enrolView(title, action, token, askIdentity, secret)),
        inviteName: link?.name,
        inviteEmail: link?.email,
        values: { name: str(fields.name), email: str(fields.email) },
        errors: e.errors ?? {},
        formError: e.message,
      });
    }
  }
}
