import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminNotesService } from './admin-notes.service';
import { BranchSecretariesService, type PendingClaimRow } from './branch-secretaries.service';
import { AddNoteDto } from './dto/admin-note.dto';
import { ClaimDecisionDto } from './dto/branch-claim.dto';
import { BranchResponseDto } from './dto/branch-response.dto';
import { ReassignBranchDto } from './dto/handover.dto';

/** An admin's notes on a branch, its reassignment, and takeover requests. */
@ApiTags('admin')
@Roles('admin')
@Controller('api/admin')
export class AdminBranchesController {
  constructor(
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
  ) {}

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
    return this.secretaries.pendingClaims();
  }

  @Post('claims/:id')
  @HttpCode(200)
  async decideClaim(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ClaimDecisionDto): Promise<{ id: string; status: string }> {
    const claim = await this.secretaries.decideClaim(actor, id, dto.decision === 'approve');
    return { id: claim.id, status: claim.status };
  }
}
