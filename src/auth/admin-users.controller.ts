import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Actor } from '../audit/audit.service';
import { ROLES, type Role } from '../common/access';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { MessageResponseDto } from '../common/dto/message-response.dto';
import { ApiErrors } from '../common/openapi/api-docs.decorators';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { type User } from '../users/user.entity';
import { AdminsService } from './admins.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { AdminUserResponseDto } from './dto/admin-user.dto';
import { InviteAdminDto } from './dto/auth.dto';
import { Roles } from '../common/access';

export class SetRoleDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'admin' })
  @IsIn(ROLES, { message: 'Role must be secretary or admin' })
  role!: Role;
}

export const uuidPipe = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

export const USERS_PAGE_SIZE = 50;

const UserId = () => ApiParam({ name: 'id', format: 'uuid', description: "The person's id" });

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminUsersController {
  constructor(private readonly admins: AdminsService) {}

  @Get('users')
  @ApiOperation({ summary: 'List everyone with an account', description: `Admins first, then by name; ${USERS_PAGE_SIZE} a page unless pageSize says otherwise.` })
  @ApiOkResponse({ type: PageOf(AdminUserResponseDto) })
  async listUsers(@Query() query: PageQueryDto): Promise<Page<AdminUserResponseDto>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? USERS_PAGE_SIZE;
    const [users, total] = await this.admins.findUsersPage(page, pageSize);
    return { items: users.map((u) => AdminUserResponseDto.from(u)), total, page, pageSize };
  }

  @Post('invitations')
  @HttpCode(202)
  @ApiOperation({ summary: 'Invite a new admin by email', description: 'They accept with POST /api/auth/accept-invite, setting a password and an authenticator app.' })
  @ApiAcceptedResponse({ type: MessageResponseDto, description: 'The invitation is on its way' })
  @ApiErrors(409)
  async inviteAdmin(@Body() dto: InviteAdminDto, @CurrentUser() user: User, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.admins.invite(dto, user, actor);
    return MessageResponseDto.of(`Invitation sent to ${dto.email}`);
  }

  @Post('users/:id/role')
  @HttpCode(200)
  @UserId()
  @ApiOperation({
    summary: "Change a person's role",
    description: 'They are signed out everywhere and sign in again with the new role. 409: making an admin of someone without an authenticator, or demoting the only admin.',
  })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrors(409)
  async setUserRole(@Param('id', uuidPipe) id: string, @Body() dto: SetRoleDto, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.admins.setRole(id, dto.role, actor);
    return MessageResponseDto.of('Role changed');
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @UserId()
  @ApiOperation({ summary: "Disable a person's account", description: 'They are signed out everywhere and cannot sign in. 409: your own account.' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrors(409)
  async disableUser(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.admins.setDisabled(id, true, actor);
    return MessageResponseDto.of('Account disabled and signed out everywhere');
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  @UserId()
  @ApiOperation({ summary: 'Enable a disabled account again' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiErrors(409)
  async enableUser(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<MessageResponseDto> {
    await this.admins.setDisabled(id, false, actor);
    return MessageResponseDto.of('Account enabled');
  }
}
