import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { MAX_PAGE_SIZE, PageQueryDto } from '../common/dto/page-query.dto';
import { ApiErrors, Created } from '../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { SERIAL_ID_404, SERIAL_ID_PATTERN } from '../common/pipes/serial-id.pipe';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminNotesService } from './admin-notes.service';
import { BranchSecretariesService } from './branch-secretaries.service';
import { ADMIN_BRANCHES_PAGE_SIZE, AdminBranchListItemDto } from './dto/admin-branch-list.dto';
import { AddNoteDto, AdminNoteDto } from './dto/admin-note.dto';
import { BranchSearchQueryDto } from './dto/branch-search-query.dto';
import { BranchesService } from './branches.service';
import { ClaimDecisionDto, ClaimDecisionResultDto, TakeoverRequestDto } from './dto/branch-claim.dto';
import { BranchResponseDto } from './dto/branch-response.dto';
import { ReassignBranchDto } from './dto/handover.dto';

const CLAIMS_PAGE_SIZE = MAX_PAGE_SIZE;

/** An admin's notes on a branch, its reassignment, and takeover requests. */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminBranchesController {
  constructor(
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
    private readonly branches: BranchesService,
  ) {}

  @Get('branches')
  @ApiOperation({ summary: 'Lists every branch', description: 'By public name, A to Z; `q` searches by branch or union name. Each branch in full: GET /api/admin/branches/{id}.' })
  @ApiOkResponse({ type: PageOf(AdminBranchListItemDto) })
  async listBranchesForAdmin(@Query() query: BranchSearchQueryDto): Promise<Page<AdminBranchListItemDto>> {
    const page = await this.branches.pageForAdmin(query.q, query.page ?? 1, query.pageSize ?? ADMIN_BRANCHES_PAGE_SIZE);
    return { ...page, items: page.items.map((r) => AdminBranchListItemDto.from(r)) };
  }

  /**
   * The note is its own resource (Location names it), rather than the branch
   * view it also appears in: what was created can be fetched back as it is.
   */
  @Post('branches/:id/notes')
  @ApiOperation({ summary: 'Adds a note to a branch', description: 'Private to admins; audited.' })
  @ApiUuidParam('id', 'The branch')
  @Created(AdminNoteDto, (n) => `/api/admin/branches/${n.branchId}/notes/${n.id}`, 'The note added')
  async addBranchNote(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AddNoteDto): Promise<AdminNoteDto> {
    return AdminNoteDto.from(id, await this.notes.add(actor, id, dto.body));
  }

  @Get('branches/:id/notes/:noteId')
  @ApiOperation({ summary: 'Gets one note on a branch', description: 'All of a branch’s notes come with it: GET /api/admin/branches/{id}.' })
  @ApiUuidParam('id', 'The branch')
  @ApiParam({ name: 'noteId', description: 'The note’s number', schema: { type: 'string', pattern: SERIAL_ID_PATTERN.source } })
  @ApiOkResponse({ type: AdminNoteDto })
  async getBranchNote(@Param('id', UUID_404) id: string, @Param('noteId', SERIAL_ID_404) noteId: string): Promise<AdminNoteDto> {
    return AdminNoteDto.from(id, await this.notes.findOne(id, noteId));
  }

  @Post('branches/:id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gives a branch to another secretary', description: 'To a registered secretary account, named by its email address; audited and kept in the branch’s history.' })
  @ApiUuidParam('id', 'The branch')
  @ApiOkResponse({ type: BranchResponseDto, description: 'The branch, with its new secretary' })
  @ApiErrorResponse(400, 'The body is not valid, or no secretary account has this email address (`errors.email`)')
  @ApiErrorResponse(409, 'That account is already the branch’s secretary')
  async reassignBranch(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ReassignBranchDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.secretaries.reassign(actor, id, dto.email));
  }

  @Get('claims')
  @ApiOperation({ summary: 'Lists takeover requests waiting for a decision', description: 'Oldest first, with who asked.' })
  @ApiOkResponse({ type: PageOf(TakeoverRequestDto) })
  async listTakeoverRequests(@Query() query: PageQueryDto): Promise<Page<TakeoverRequestDto>> {
    const page = await this.secretaries.pendingClaims(query.page ?? 1, query.pageSize ?? CLAIMS_PAGE_SIZE);
    return { ...page, items: page.items.map((r) => TakeoverRequestDto.from(r)) };
  }

  @Post('claims/:id')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decides a takeover request',
    description: '`approve` makes the requester the branch’s secretary; `decline` tells them by email. Of two admins deciding at once, one wins.',
  })
  @ApiUuidParam('id', 'The takeover request')
  @ApiOkResponse({ type: ClaimDecisionResultDto, description: 'The request as decided' })
  @ApiErrors(409)
  async decideTakeoverRequest(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ClaimDecisionDto): Promise<ClaimDecisionResultDto> {
    const claim = await this.secretaries.decideClaim(actor, id, dto.decision === 'approve');
    return { id: claim.id, status: claim.status };
  }
}
