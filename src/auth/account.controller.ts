import { Body, Controller, Get, HttpCode, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { ApiErrors, Created } from '../common/openapi/api-docs.decorators';
import type { User } from '../users/user.entity';
import { AccountService } from './account.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { ChangeEmailDto, ChangeNameDto, ChangePasswordDto, CurrentPasswordDto, EmailUpdatesDto, TokenDto } from './dto/auth.dto';
import { RecoveryCodesResponseDto, RecoveryCodesStatusDto } from './dto/auth-responses.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { Public } from '../common/access';

export const RECOVERY_CODES_PATH = '/api/me/recovery-codes';

@ApiTags('account')
@Controller('api/me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in person' })
  @ApiOkResponse({ type: UserResponseDto })
  getMe(@CurrentUser() user: User): UserResponseDto {
    return UserResponseDto.from(user);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my name' })
  @ApiOkResponse({ type: UserResponseDto, description: 'The account with its new name' })
  async changeName(@CurrentUser() user: User, @Body() dto: ChangeNameDto, @CurrentActor() actor: Actor): Promise<UserResponseDto> {
    await this.account.changeName(user, dto.name, actor);
    return UserResponseDto.from({ ...user, name: dto.name });
  }

  @Post('email')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Change my email address (with my password)',
    description: 'Emails a link to the new address, and a notice to the current one; the address changes when the link is opened (POST /api/me/email/confirm).',
  })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: 'The link is on its way to the new address' })
  async changeEmail(@CurrentUser() user: User, @Body() dto: ChangeEmailDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.account.requestEmailChange(user, dto.email, dto.currentPassword, actor);
    return MessageResponseDto.of('We have sent a link to the new address. Your address changes when you open it.');
  }

  @Public()
  @Post('email/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm a new email address with the token from the emailed link',
    description: 'A link that has expired or was already used also answers 200: the message says so. 409 when another account has taken the address meanwhile.',
  })
  @ApiOkResponse({ type: MessageResponseDto, description: 'Confirmed, or (the message says) the link no longer works' })
  @ApiErrors(409)
  async confirmEmailChange(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    const ok = await this.account.confirmEmailChange(dto.token, actor);
    return MessageResponseDto.of(ok ? 'Your new email address is confirmed' : 'This link has expired or was already used');
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change my password', description: 'Ends every other session of the account; this one stays signed in.' })
  @ApiOkResponse({ type: MessageResponseDto })
  async changePassword(@CurrentUser() user: User, @Body() dto: ChangePasswordDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.account.changePassword(user, dto.currentPassword, dto.newPassword, req.sessionID, actor);
    return MessageResponseDto.of('Your password has been changed and your other sessions signed out');
  }

  @Get('email-updates')
  @ApiOperation({ summary: 'Whether I get the campaign’s email updates', description: 'Sent to the secretaries of affiliated branches, unless they turn them off.' })
  @ApiOkResponse({ type: EmailUpdatesDto })
  getEmailUpdates(@CurrentUser() user: User): EmailUpdatesDto {
    return { enabled: user.emailUpdates };
  }

  @Put('email-updates')
  @ApiOperation({ summary: 'Turn the campaign’s email updates on or off for my account' })
  @ApiOkResponse({ type: EmailUpdatesDto, description: 'The setting as saved' })
  async setEmailUpdates(@CurrentUser() user: User, @Body() dto: EmailUpdatesDto, @CurrentActor() actor: Actor): Promise<EmailUpdatesDto> {
    await this.account.setEmailUpdates(user, dto.enabled, actor);
    return { enabled: dto.enabled };
  }

  @Get('recovery-codes')
  @ApiOperation({ summary: 'How many of my recovery codes are left', description: 'The codes themselves are shown only when made (POST /api/me/recovery-codes).' })
  @ApiOkResponse({ type: RecoveryCodesStatusDto })
  async getRecoveryCodes(@CurrentUser() user: User): Promise<RecoveryCodesStatusDto> {
    return { secondFactorEnabled: !!user.totpSecret, unused: await this.account.unusedRecoveryCodes(user) };
  }

  @Post('recovery-codes')
  @Created(RecoveryCodesResponseDto, () => RECOVERY_CODES_PATH, 'A new set of recovery codes, shown only this once; the old ones no longer work')
  @ApiOperation({
    summary: 'Make a new set of recovery codes (with my password)',
    description: 'Replaces every code of the old set. 409 when the account has no second factor.',
  })
  @ApiErrors(409)
  async createRecoveryCodes(@CurrentUser() user: User, @Body() dto: CurrentPasswordDto, @CurrentActor() actor: Actor): Promise<RecoveryCodesResponseDto> {
    return { recoveryCodes: await this.account.regenerateRecoveryCodes(user, dto.currentPassword, actor) };
  }
}
