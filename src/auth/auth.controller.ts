import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { UnauthorizedError } from '../common/errors/domain-error';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { ApiErrors, Created } from '../common/openapi/api-docs.decorators';
import { ErrorResponseDto } from '../common/openapi/error-response.dto';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { AuthService, REGISTERED_MESSAGE, RESET_REQUESTED_MESSAGE } from './auth.service';
import { AdminsService } from './admins.service';
import { CompleteAdminDto, EmailDto, LoginDto, MfaDto, RegisterDto, ResetPasswordDto, TokenDto } from './dto/auth.dto';
import { Public } from '../common/access';
import { endSession, establishSession, issueCsrfToken, pendingMfaUser, startMfa } from './session-helpers';
import { UserResponseDto } from './dto/user-response.dto';
import { CsrfTokenResponseDto, MfaRequiredResponseDto, NewAdminResponseDto, SignedInResponseDto, type LoginResponse } from './dto/auth-responses.dto';
import type { User } from '../users/user.entity';

const SAME_EITHER_WAY = 'The same answer, and as slow, whether or not an account uses the address: it never tells who is registered.';

@ApiTags('auth')
@ApiExtraModels(SignedInResponseDto, MfaRequiredResponseDto)
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly admins: AdminsService,
  ) {}

  @Public()
  @Get('csrf')
  @ApiOperation({ summary: 'A CSRF token for X-CSRF-Token (starts a session if needed)' })
  @ApiOkResponse({ type: CsrfTokenResponseDto, description: 'The token, and a session cookie if there was none' })
  @ApiErrors(400)
  async getCsrfToken(@Req() req: Request): Promise<CsrfTokenResponseDto> {
    return { token: await issueCsrfToken(req) };
  }

  @Public()
  @Post('auth/register')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register a secretary account',
    description: `Emails a link to confirm the address (POST /api/auth/verify-email); an address that already has an account gets an email saying so instead. ${SAME_EITHER_WAY}`,
  })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: SAME_EITHER_WAY })
  async register(@Body() dto: RegisterDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.auth.register(dto, actor);
    return MessageResponseDto.of(REGISTERED_MESSAGE);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Starts a new session (a new cookie) and answers its new CSRF token, to use from then on. A secretary is signed in (`mfaRequired: false`, with `user`); ' +
      'an admin is not yet (`mfaRequired: true`): send the code from the authenticator app to POST /api/auth/mfa within five minutes. ' +
      'Failed attempts are counted per account and per client address: past the limit, 429 with Retry-After.',
  })
  @ApiOkResponse({
    description: 'Signed in, or (admins) waiting for the second factor; `mfaRequired` says which',
    schema: { oneOf: [{ $ref: getSchemaPath(SignedInResponseDto) }, { $ref: getSchemaPath(MfaRequiredResponseDto) }] },
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Email or password is incorrect (the same answer for an address with no account, or a disabled one)' })
  @ApiErrors(429)
  async login(@Body() dto: LoginDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<LoginResponse> {
    const outcome = await this.auth.login(dto.email, dto.password, actor);
    if (outcome.kind === 'mfa-required') return { mfaRequired: true, csrfToken: await startMfa(req, outcome.userId) };
    return { mfaRequired: false, user: UserResponseDto.from(outcome.user), csrfToken: await establishSession(req, outcome.user) };
  }

  @Public()
  @Post('auth/mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: "An admin's second factor: the code from the authenticator app, or a recovery code",
    description: 'After POST /api/auth/login answered `mfaRequired: true`, on the same session. Signs in on a new session with a new CSRF token. A wrong code is a 400, and counts against the sign-in limits (429).',
  })
  @ApiOkResponse({ type: SignedInResponseDto, description: 'Signed in' })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'No sign-in is waiting for a second factor on this session, or it waited over five minutes: sign in again' })
  @ApiErrors(429)
  async completeMfa(@Body() dto: MfaDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<SignedInResponseDto> {
    const userId = pendingMfaUser(req);
    if (!userId) throw new UnauthorizedError('Sign in with your email and password first');
    const user = await this.auth.completeMfa(userId, dto.code, actor);
    return { mfaRequired: false, user: UserResponseDto.from(user), csrfToken: await establishSession(req, user) };
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out', description: 'Ends the session on the server and clears its cookie. Signed out already: the same 204.' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() req: Request, @CurrentActor() actor: Actor): Promise<void> {
    if (req.user) await this.auth.recordLogout(actor);
    await endSession(req);
  }

  @Public()
  @Post('auth/verify-email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an email address with the token from the emailed link', description: '400 when the link has expired or was already used.' })
  @ApiOkResponse({ type: MessageResponseDto })
  async verifyEmail(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.auth.verifyEmailOrThrow(dto.token, actor);
    return MessageResponseDto.of('Your email address is confirmed');
  }

  @Post('auth/verify-email/resend')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a new confirmation link to the signed-in person', description: 'Sends nothing when the address is already confirmed; the answer is the same.' })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: 'The same answer whether or not the address was already confirmed' })
  async resendVerification(@CurrentUser() user: User): Promise<MessageResponseDto> {
    await this.auth.resendVerification(user);
    return MessageResponseDto.of('If your address is not yet confirmed, a new link is on its way');
  }

  @Public()
  @Post('auth/password-reset/request')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a password reset link by email', description: `The link works for one hour (POST /api/auth/password-reset). ${SAME_EITHER_WAY}` })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: SAME_EITHER_WAY })
  async requestPasswordReset(@Body() dto: EmailDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.auth.requestPasswordReset(dto.email, actor);
    return MessageResponseDto.of(RESET_REQUESTED_MESSAGE);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set a new password with the token from the emailed link',
    description: 'Ends every session of the account: sign in again. 400 when the link has expired or was already used, or the password is refused.',
  })
  @ApiOkResponse({ type: MessageResponseDto })
  async resetPassword(@Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.auth.resetPassword(dto.token, dto.password, actor);
    return MessageResponseDto.of('Your password has been changed. Please sign in.');
  }

  /**
   * The account made has no address of its own on the API: it is what
   * GET /api/me reads once its owner signs in, so that is its Location.
   */
  @Public()
  @Post('auth/accept-invite')
  @Created(NewAdminResponseDto, () => '/api/me', 'The admin account, and its recovery codes (shown only this once). Location: GET /api/me, which reads it once signed in.')
  @ApiOperation({
    summary: "Accept an admin invitation: a password and a proven authenticator app",
    description: 'Does not sign in: sign in next with POST /api/auth/login and the second factor. 400 for a link that expired or was used, or a code that does not match the secret; 409 when an account already uses the address.',
  })
  @ApiErrors(409)
  async acceptInvite(@Body() dto: CompleteAdminDto, @CurrentActor() actor: Actor): Promise<NewAdminResponseDto> {
    const { user, recoveryCodes } = await this.admins.complete('admin_invite', dto, actor);
    return { user: UserResponseDto.from(user), recoveryCodes };
  }
}
