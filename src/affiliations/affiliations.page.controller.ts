import { Body, Controller, Get, Inject, Optional, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { BranchesService } from '../branches/branches.service';
import { UUID_404, uuidOr404 } from '../common/pipes/uuid.pipe';
import { FormView } from '../common/http/form-view';
import type { User } from '../users/user.entity';
import { AFFILIATION_FEES, type AffiliationFees } from './affiliation-hooks';
import { AffiliationsService } from './affiliations.service';
import { BranchDashboardService } from './branch-dashboard.service';
import { BRANCH_PAGE_SIGNED_LETTER, type BranchPageSignedLetter } from './branch-page-hooks';
import { CreateAffiliationDto } from './dto/create-affiliation.dto';
import { EmptyActionDto } from './dto/decision.dto';

const DONE_MESSAGES: Record<string, string> = {
  registered: 'Your branch is registered. When the motion has been passed, submit the affiliation below.',
  updated: 'The branch details are saved.',
  submitted: 'Your affiliation has been sent. We will email you when an admin has looked at it.',
  withdrawn: 'The affiliation has been withdrawn.',
  handover: 'You are now the secretary of this branch.',
  'signed-letter': 'The signed letter is uploaded. Thank you: the campaign can see it now.',
  'signed-letter-replaced': 'The new copy of the signed letter is uploaded, in place of the one before.',
};

/** The secretary's branch page and the affiliation form. */
@ApiExcludeController()
@Controller('branch/:id')
export class AffiliationsPageController {
  constructor(
    private readonly affiliations: AffiliationsService,
    private readonly dashboard: BranchDashboardService,
    private readonly branches: BranchesService,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
    @Optional() @Inject(BRANCH_PAGE_SIGNED_LETTER) private readonly signedLetter?: BranchPageSignedLetter,
  ) {}

  @Get()
  @Render('branches/show')
  async show(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Query('done') done?: unknown): Promise<object> {
    const view = await this.dashboard.forSecretary(user, id);
    const signedLetter = await this.signedLetter?.panel(view.branch.id, view.year);
    return { title: view.branch.publicName, ...view, signedLetter, done: typeof done === 'string' ? DONE_MESSAGES[done] : undefined };
  }

  @Get('affiliate')
  @Render('affiliations/new')
  async form(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<object> {
    return { ...(await this.formPage(user, id)), values: {}, errors: {} };
  }

  /** The affiliation form's page around the form: the branch in its heading, its fee band and the fee table. */
  async formPage(user: User, id: unknown): Promise<Record<string, unknown>> {
    const view = await this.dashboard.forSecretary(user, uuidOr404(id));
    return { title: 'Submit the affiliation', ...view, bands: await this.fees.bands() };
  }

  @Post('affiliate')
  @FormView('affiliations/new', undefined, (page: AffiliationsPageController, req) => page.formPage(req.user as User, req.params.id))
  @Redirect('/branch', 303)
  async submit(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: CreateAffiliationDto,
  ): Promise<{ url: string }> {
    await this.affiliations.submit(user, actor, id, dto);
    return { url: `/branch/${id}?done=submitted` };
  }

  /** Withdrawing asks first: this page says what will happen, and only its form's POST withdraws. */
  @Get('affiliations/:affiliationId/withdraw')
  @Render('affiliations/withdraw')
  async confirmWithdraw(
    @CurrentUser() user: User,
    @Param('id', UUID_404) id: string,
    @Param('affiliationId', UUID_404) affiliationId: string,
  ): Promise<object> {
    const view = await this.dashboard.withdrawal(user, id, affiliationId);
    return { title: `Withdraw the affiliation of ${view.branch.publicName}`, ...view };
  }

  @Post('affiliations/:affiliationId/withdraw')
  @Redirect('/branch', 303)
  async withdraw(
    @CurrentUser() user: User,
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Param('affiliationId', UUID_404) affiliationId: string,
    @Body() _dto: EmptyActionDto,
  ): Promise<{ url: string }> {
    await this.affiliations.withdraw(user, actor, id, affiliationId);
    return { url: `/branch/${id}?done=withdrawn` };
  }
}
