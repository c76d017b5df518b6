import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AffiliationResponseDto } from '../affiliations/dto/affiliation-response.dto';
import { Roles } from '../common/access';
import { BranchResponseDto } from '../branches/dto/branch-response.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminService } from './admin.service';

/** A branch as an admin sees it, with its affiliations, history, notes and downloads. */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('branches/:id')
  async branch(@Param('id', UUID_404) id: string): Promise<object> {
    const v = await this.admin.branchView(id);
    return {
      branch: BranchResponseDto.from(v.branch),
      secretary: v.secretary,
      affiliations: v.affiliations.map((a) => AffiliationResponseDto.from(a)),
      history: v.history,
      secretaryHistory: v.secretaryHistory,
      notes: v.notes,
      documentDownloads: v.documentDownloads,
    };
  }
}
