import { Body, Controller, Param, Post, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminNotesService } from './admin-notes.service';
import { BranchSecretariesService } from './branch-secretaries.service';
import { AddNoteDto } from './dto/admin-note.dto';
import { ClaimDecisionDto } from './dto/branch-claim.dto';
import { ReassignBranchDto } from './dto/handover.dto';

type Redirection = { url: string };

/** The forms of the admin's branch page (notes, reassignment) and the dashboard's takeover requests; each leads back to the branch. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminBranchesPageController {
  constructor(
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
  ) {}

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
