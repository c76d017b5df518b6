import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { FormView } from '../common/http/form-view';
import type { User } from '../users/user.entity';
import { BRANCH_FORM_LOCALS, branchFormValues } from './branch-form';
import { BranchSecretariesService } from './branch-secretaries.service';
import { BranchesService, CLAIM_RECEIVED_MESSAGE } from './branches.service';
import { CreateBranchClaimDto } from './dto/branch-claim.dto';
import { CreateBranchDto } from './dto/create-branch.dto';
import { StartHandoverDto } from './dto/handover.dto';
import { FormBody } from '../common/dto/transforms';
import { UpdateBranchDto } from './dto/update-branch.dto';
import { UUID_404, uuidOr404 } from '../common/pipes/uuid.pipe';

type Redirection = { url: string };

/** The secretary's pages. Every handler calls the same service methods as the API. */
@ApiExcludeController()
@Controller()
export class BranchesPageController {
  constructor(
    private readonly branches: BranchesService,
    private readonly secretaries: BranchSecretariesService,
  ) {}

  @Get('branch')
  async index(@CurrentUser() user: User, @Res() res: Response): Promise<void> {
    const branches = await this.branches.listMine(user);
    if (branches.length === 1) return res.redirect(303, `/branch/${branches[0].id}`);
    res.render('branches/index', { title: 'My branch', branches });
  }

  @Get('branch/new')
  @Render('branches/form')
  newForm(): object {
    return { title: 'Register your branch', isNew: true, ...BRANCH_FORM_LOCALS, values: { listPublicly: '' }, errors: {} };
  }

  @Post('branch/new')
  @FormView('branches/form', { title: 'Register your branch', isNew: true, ...BRANCH_FORM_LOCALS })
  @Redirect('/branch', 303)
  async create(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchDto): Promise<Redirection> {
    const branch = await this.branches.register(user, actor, dto);
    return { url: `/branch/${branch.id}?done=registered` };
  }

  @Post('branch/claim')
  @FormView('branches/form', { title: 'Register your branch', isNew: true, ...BRANCH_FORM_LOCALS })
  @Render('branches/claim-sent')
  async claim(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Body() dto: CreateBranchClaimDto): Promise<object> {
    await this.branches.requestTakeover(user, actor, dto);
    return { title: 'Request sent', message: CLAIM_RECEIVED_MESSAGE };
  }

  @Get('branch/:id/edit')
  @Render('branches/form')
  async editForm(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<object> {
    const branch = await this.branches.getMine(user, id);
    return { title: 'Edit branch details', isNew: false, ...BRANCH_FORM_LOCALS, values: branchFormValues(branch), errors: {}, branchId: id };
  }

  @Post('branch/:id/edit')
  @FormView('branches/form', { title: 'Edit branch details', isNew: false, ...BRANCH_FORM_LOCALS })
  @Redirect('/branch', 303)
  async edit(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: UpdateBranchDto,
  ): Promise<Redirection> {
    // The form posts every field: an unticked box is not sent at all, and a
    // field left blank clears what it held (the API clears with null instead).
    await this.branches.update(user, actor, id, {
      ...dto,
      regionalBody: dto.regionalBody ?? false,
      code: dto.code ?? '',
      address: dto.address ?? '',
    });
    return { url: `/branch/${id}?done=updated` };
  }

  @Get('branch/:id/handover')
  @Render('branches/handover')
  async handoverForm(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<object> {
    return { ...(await this.handoverPage(user, id)), values: {}, errors: {} };
  }

  /** The hand-over form's page around the form: which branch is handed over. */
  async handoverPage(user: User, id: unknown): Promise<Record<string, unknown>> {
    return { title: 'Hand the branch over', branch: await this.branches.getMine(user, uuidOr404(id)) };
  }

  @Post('branch/:id/handover')
  @FormView('branches/handover', undefined, (page: BranchesPageController, req) => page.handoverPage(req.user as User, req.params.id))
  @Render('branches/handover-sent')
  async handover(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: StartHandoverDto,
  ): Promise<object> {
    await this.secretaries.startHandover(user, actor, id, dto.email);
    return { title: 'Invitation sent', email: dto.email, branchId: id };
  }

  /**
   * Anyone with the link sees which branch it is for; accepting needs the
   * invited account with its address confirmed. An unconfirmed one is asked
   * to confirm it, by a link that comes back here.
   */
  @Public()
  @Get('handover/:token')
  @Render('branches/handover-accept')
  async handoverLanding(
    @Param('token') token: string,
    @CurrentUser() user: User | undefined,
    @Query('verification') verification?: string,
  ): Promise<object> {
    const view = await this.secretaries.describeHandover(token);
    return {
      title: 'Take over as branch secretary',
      ...view,
      token,
      signedIn: !!user,
      mustVerify: !!user && !user.emailVerifiedAt,
      verificationSent: verification === 'sent',
      next: `/handover/${encodeURIComponent(token)}`,
    };
  }

  @Post('handover/:token')
  @Redirect('/branch', 303)
  async acceptHandover(@CurrentUser() user: User, @CurrentActor() actor: Actor, @Param('token') token: string, @Body() _dto: FormBody): Promise<Redirection> {
    const branch = await this.secretaries.acceptHandover(user, actor, token);
    return { url: `/branch/${branch.id}?done=handover` };
  }
}

