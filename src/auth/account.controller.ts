import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import type { User } from '../users/user.entity';
import { AccountService } from './account.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { ChangeEmailDto, ChangeNameDto, ChangePasswordDto, CurrentPasswordDto, TokenDto } from './dto/auth.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { Public } from '../common/access';

@ApiTags('account')
@Controller('api/me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Get()
  me(@CurrentUser() user: User): UserResponseDto {
    return UserResponseDto.from(user);
  }

  @Patch()
  async changeName(@CurrentUser() user: User, @Body() dto: ChangeNameDto, @CurrentActor() actor: Actor): Promise<UserResponseDto> {
    await this.account.changeName(user, dto.name, actor);
    return UserResponseDto.from({ ...user, name: dto.name });
  }

  @Post('email')
  @HttpCode(202)
  async changeEmail(@CurrentUser() user: User, @Body() dto: ChangeEmailDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.account.requestEmailChange(user, dto.email, dto.currentPassword, actor);
    return { message: 'We have sent a link to the new address. Your address changes when you open it.' };
  }

  @Public()
  @Post('email/confirm')
  @HttpCode(200)
  async confirmEmail(@Body() dto: TokenDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    const ok = await this.account.confirmEmailChange(dto.token, actor);
    return { message: ok ? 'Your new email address is confirmed' : 'This link has expired or was already used' };
  }

  @Post('password')
  @HttpCode(200)
  async changePassword(@CurrentUser() user: User, @Body() dto: ChangePasswordDto, @Req() req: Request, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.account.changePassword(user, dto.currentPassword, dto.newPassword, req.sessionID, actor);
    return { message: 'Your password has been changed and your other sessions signed out' };
  }

  @Post('recovery-codes')
  @HttpCode(201)
  async recoveryCodes(@CurrentUser() user: User, @Body() dto: CurrentPasswordDto, @CurrentActor() actor: Actor): Promise<{ recoveryCodes: string[] }> {
    return { recoveryCodes: await this.account.regenerateRecoveryCodes(user, dto.currentPassword, actor) };
  }
}
