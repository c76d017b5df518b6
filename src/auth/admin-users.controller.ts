import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Actor } from '../audit/audit.service';
import { ROLES, type Role } from '../common/access';
import { type User } from '../users/user.entity';
import { AdminsService } from './admins.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { InviteAdminDto } from './dto/auth.dto';
import { Roles } from '../common/access';

export class SetRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: 'Role must be secretary or admin' })
  role!: Role;
}

export const uuidPipe = new ParseUUIDPipe({ version: '4', errorHttpStatusCode: 404 });

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminUsersController {
  constructor(private readonly admins: AdminsService) {}

  @Get('users')
  async users(): Promise<{ items: { id: string; name: string; email: string; role: string; disabled: boolean; secondFactor: boolean }[] }> {
    const users = await this.admins.listUsers();
    return { items: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: !!u.disabledAt, secondFactor: !!u.totpSecret })) };
  }

  @Post('invitations')
  @HttpCode(202)
  async invite(@Body() dto: InviteAdminDto, @CurrentUser() user: User, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.admins.invite(dto, user, actor);
    return { message: `Invitation sent to ${dto.email}` };
  }

  @Post('users/:id/role')
  @HttpCode(200)
  async setRole(@Param('id', uuidPipe) id: string, @Body() dto: SetRoleDto, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.admins.setRole(id, dto.role, actor);
    return { message: 'Role changed' };
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  async disable(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.admins.setDisabled(id, true, actor);
    return { message: 'Account disabled and signed out everywhere' };
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  async enable(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor): Promise<{ message: string }> {
    await this.admins.setDisabled(id, false, actor);
    return { message: 'Account enabled' };
  }
}
