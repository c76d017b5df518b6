import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { FormView } from '../common/http/form-view';
import type { User } from '../users/user.entity';
import { uuidPipe, SetRoleDto } from './admin-users.controller';
import { AdminsService } from './admins.service';
import { CurrentActor, CurrentUser } from './current-user.decorator';
import { InviteAdminDto } from './dto/auth.dto';
import { Roles } from '../common/access';

const NOTICES: Record<string, string> = {
  invited: 'Invitation sent.',
  role: 'Role changed. They have been signed out and sign in again with the new role.',
  disabled: 'Account disabled and signed out everywhere.',
  enabled: 'Account enabled.',
};

@ApiExcludeController()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersPageController {
  constructor(private readonly admins: AdminsService) {}

  @Get()
  @Render('admin-users/index')
  async index(@CurrentUser() me: User, @Query('done') done?: string): Promise<object> {
    return { ...(await this.page(me)), notice: done ? NOTICES[done] : undefined };
  }

  /** The people page, also around a refused invitation: every account stays listed. */
  async page(me: User): Promise<Record<string, unknown>> {
    const users = await this.admins.listUsers();
    return {
      title: 'People',
      users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: !!u.disabledAt, secondFactor: !!u.totpSecret, isMe: u.id === me.id })),
    };
  }

  @Post('invite')
  @FormView('admin-users/index', undefined, (page: AdminUsersPageController, req) => page.page(req.user as User))
  async invite(@Body() dto: InviteAdminDto, @CurrentUser() me: User, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.admins.invite(dto, me, actor);
    res.redirect(303, '/admin/users?done=invited');
  }

  @Post(':id/role')
  async role(@Param('id', uuidPipe) id: string, @Body() dto: SetRoleDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.admins.setRole(id, dto.role, actor);
    res.redirect(303, '/admin/users?done=role');
  }

  @Post(':id/disable')
  async disable(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.admins.setDisabled(id, true, actor);
    res.redirect(303, '/admin/users?done=disabled');
  }

  @Post(':id/enable')
  async enable(@Param('id', uuidPipe) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.admins.setDisabled(id, false, actor);
    res.redirect(303, '/admin/users?done=enabled');
  }
}
