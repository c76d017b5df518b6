import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access';
import { ApiUuidParam } from '../common/openapi/api-params';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminService } from './admin.service';
import { AdminBranchViewDto } from './dto/admin-branch-view.dto';

/** A branch as an admin sees it, with its affiliations, history, notes and downloads. */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('branches/:id')
  @ApiOperation({
    summary: 'Gets a branch with everything admins see',
    description: 'Its secretary, its affiliations and their history, its secretaries over time, admins’ notes, the documents it downloaded and the signed letters it uploaded.',
  })
  @ApiUuidParam('id', 'The branch')
  @ApiOkResponse({ type: AdminBranchViewDto })
  async getBranchForAdmin(@Param('id', UUID_404) id: string): Promise<AdminBranchViewDto> {
    return AdminBranchViewDto.from(await this.admin.branchView(id));
  }
}
