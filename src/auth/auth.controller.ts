import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { UnauthorizedError } from '../common/errors/domain-error';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { AuthService, REGISTERED_MESSAGE, RESET_REQUESTED_MESSAGE } from './auth.service';
import { AdminsService } from './admins.service';
import { CompleteAdminDto, EmailDto, LoginDto, MfaDto, RegisterDto, ResetPasswordDto, TokenDto } from './dto/auth.dto';
import { Public } from '../common/access';
import { endSession, establishSession, issueCsrfToken, pendingMfaUser, startMfa } from './session-helpers';
import { UserResponseDto } from './dto/user-response.dto';
import type { User } from '../users/user.entity';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly admins: AdminsService,
  ) {}

  @Public()
  @Get('csrf')
  @ApiOperation({ summary: 'A CSRF token for X-CSRF-Token (starts a session if needed)' })
  async csrfToken(@Req() req: Request): Promise<{ token: string }> {
    return { token: await issueCsrfToken(req) };
  }

  @Public()
  @Post('auth/register')
  @HttpCode(202)
  async register(@Body() dto: RegisterDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.auth.register(dto, actor);
    return { message: REGISTERED_MESSAGE };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<{ user?: UserResponseDto; mfaRequired?: true; csrfToken: string }> {
    const outcome = await this.auth.login(dto.email, dto.password, actor);
    if (outcome.kind === 'mfa-required') return { mfaRequired: true, csrfToken: await startMfa(req, outcome.userId) };
    return { user: UserResponseDto.from(outcome.user), csrfToken: await establishSession(req, outcome.user) };
  }

  @Public()
  @Post('auth/mfa')
  @HttpCode(200)
  async mfa(@Body() dto: MfaDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<{ user: UserResponseDto; csrfToken: string }> {
    const userId = pendingMfaUser(req);
    if (!userId) throw new UnauthorizedError('Sign in with your email and password first');
    const user = await this.auth.completeMfa(userId, dto.code, actor);
    return { user: UserResponseDto.from(user), csrfToken: await establishSession(req, user) };
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @CurrentActor() actor: Actor): Promise<void> {
    if (req.user) await this.auth.recordLogout(actor);
    await endSession(req);
  }

  @Public()
  @Post('auth/verify-email')
  @HttpCode(200)
  async verifyEmail(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.auth.verifyEmailOrThrow(dto.token, actor);
    return { message: 'Your email address is confirmed' };
  }

  @Post('auth/verify-email/resend')
  @HttpCode(202)
  async resend(@CurrentUser() user: User): Promise<{ message: string }> {
    await this.auth.resendVerification(user);
    return { message: 'If your address is not yet confirmed, a new link is on its way' };
  }

  @Public()
  @Post('auth/password-reset/request')
  @HttpCode(202)
  async requestReset(@Body() dto: EmailDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.auth.requestPasswordReset(dto.email, actor);
    return { message: RESET_REQUESTED_MESSAGE };
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(200)
  async reset(@Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.auth.resetPassword(dto.token, dto.password, actor);
    return { message: 'Your password has been changed. Please sign in.' };
  }

  @Public()
  @Post('auth/accept-invite')
  @HttpCode(201)
  async acceptInvite(@Body() dto: CompleteAdminDto, @CurrentActor() actor: Actor): Promise<{ user: UserResponseDto; recoveryCodes: string[] }> {
    const { user, recoveryCodes } = await this.admins.complete('admin_invite', dto, actor);
    return { user: UserResponseDto.from(user), recoveryCodes };
  }
}
