import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AffiliationResponseDto } from '../affiliations/dto/affiliation-response.dto';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { BranchSecretariesService } from '../branches/branch-secretaries.service';
import { BranchResponseDto } from '../branches/dto/branch-response.dto';
import { ReassignBranchDto } from '../branches/dto/handover.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminNotesService } from './admin-notes.service';
import { AdminService, type PendingClaimRow } from './admin.service';
import { AuditLogService, type AuditRow } from './audit-log.service';
import { AddNoteDto, AuditQueryDto, ClaimDecisionDto } from './dto/admin.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminBranchesController {
  constructor(
    private readonly admin: AdminService,
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
    private readonly auditLog: AuditLogService,
  ) {}

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

  @Post('branches/:id/notes')
  @HttpCode(201)
  async addNote(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AddNoteDto): Promise<{ status: 'added' }> {
    await this.notes.add(actor, id, dto.body);
    return { status: 'added' };
  }

  @Post('branches/:id/reassign')
  @HttpCode(200)
  async reassign(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ReassignBranchDto): Promise<BranchResponseDto> {
    return BranchResponseDto.from(await this.secretaries.reassign(actor, id, dto.email));
  }

  @Get('claims')
  claims(): Promise<{ items: PendingClaimRow[]; total: number; page: number; pageSize: number }> {
    return this.admin.pendingClaims();
  }

  @Post('claims/:id')
  @HttpCode(200)
  async decideClaim(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ClaimDecisionDto): Promise<{ id: string; status: string }> {
    const claim = await this.secretaries.decideClaim(actor, id, dto.decision === 'approve');
    return { id: claim.id, status: claim.status };
  }

  @Get('audit-events')
  auditEvents(@Query() query: AuditQueryDto): Promise<{ items: AuditRow[]; page: number; hasMore: boolean }> {
    return this.auditLog.findForAdmin(query);
  }
}
