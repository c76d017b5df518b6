import { Body, Controller, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { shortDate } from '../common/views/short-date';
import { AdminNotesService } from './admin-notes.service';
import { BranchesService } from './branches.service';
import { ADMIN_BRANCHES_PAGE_SIZE } from './dto/admin-branch-list.dto';
import { BranchSearchQueryDto } from './dto/branch-search-query.dto';
import { regionName } from './regions';
import { unionName } from './unions';
import { BranchSecretariesService } from './branch-secretaries.service';
import { AddNoteDto } from './dto/admin-note.dto';
import { ClaimDecisionDto } from './dto/branch-claim.dto';
import { ReassignBranchDto } from './dto/handover.dto';

type Redirection = { url: string };

/**
 * The admins' list of branches, searched by name; the forms of the admin's
 * branch page (notes, reassignment) and the dashboard's takeover requests,
 * each leading back to the branch.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminBranchesPageController {
  constructor(
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
    private readonly branches: BranchesService,
  ) {}

  @Get('branches')
  @Render('branches/admin-list')
  async list(@Query() query: BranchSearchQueryDto): Promise<object> {
    const result = await this.branches.pageForAdmin(query.q, query.page ?? 1, query.pageSize ?? ADMIN_BRANCHES_PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const link = (page: number): string => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.pageSize) params.set('pageSize', String(query.pageSize));
      params.set('page', String(page));
      return `/admin/branches?${params.toString()}`;
    };
    return {
      title: 'Branches',
      q: query.q,
      total: result.total,
      page: result.page,
      pages,
      previous: result.page > 1 ? link(result.page - 1) : undefined,
      next: result.page < pages ? link(result.page + 1) : undefined,
      items: result.items.map((r) => {
        const union = unionName(r.union, r.unionOther);
        // A phone's compact row leaves out a union the branch's name already says.
        return { ...r, registeredOn: shortDate(r.registeredAt), unionName: union, unionInName: r.publicName.toLocaleLowerCase('en-GB').includes(union.toLocaleLowerCase('en-GB')), regionName: regionName(r.region) };
      }),
    };
  }

  @Post('branches/:id/notes')
  @Redirect('/admin', 303)
  async addNote(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AddNoteDto): Promise<Redirection> {
    await this.notes.add(actor, id, dto.body);
    return { url: `/admin/branches/${id}#notes` };
  }

  @Post('branches/:id/reassign')
  @Redirect('/admin', 303)
  async reassign(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ReassignBranchDto): Promise<Redirection> {
    await this.secretaries.reassign(actor, id, dto.email);
    return { url: `/admin/branches/${id}` };
  }

  @Post('claims/:id')
  @Redirect('/admin', 303)
  async decideClaim(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ClaimDecisionDto): Promise<Redirection> {
    const claim = await this.secretaries.decideClaim(actor, id, dto.decision === 'approve');
    return { url: `/admin/branches/${claim.branchId}` };
  }
}
