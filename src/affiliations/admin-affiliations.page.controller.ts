import { Body, Controller, Get, Param, Post, Query, Redirect, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { NotFoundError } from '../common/errors/domain-error';
import { setFlash } from '../common/http/flash';
import { FormView } from '../common/http/form-view';
import { validateBody } from '../common/http/validation';
import { UUID_404, uuidOr404 } from '../common/pipes/uuid.pipe';
import { ADMIN_DECISION_404, adminDecision, Decision, type AdminDecision, type TakenDecision } from './admin-decisions';
import { decisionView, queueUrl, queueView } from './admin-queue.view';
import { AffiliationsService } from './affiliations.service';
import { bulkApprovalFlash, decisionFlash } from './decision-flash';
import { BulkApproveFormDto } from './dto/bulk-decision.dto';
import { AgreeAmountFormDto } from './dto/pay-what-you-can.dto';
import { QueueQueryDto } from './dto/queue-query.dto';

type Redirection = { url: string };

/** A decision that needs words for the secretary has a page of its own; the others are a button. */
const DECISION_FORM = 'affiliations/admin-decision';
/** The form a refused decision shows again: the one its path names (approve and reinstate have none). */
function decisionForm(req: Request): Record<string, unknown> | undefined {
  return adminDecision(String(req.params.decision))?.message ? {} : undefined;
}

/** The admin's affiliation queue and the decisions taken on one affiliation or on several. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/affiliations')
export class AdminAffiliationsPageController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  @Render('affiliations/admin-queue')
  queue(@Query() query: QueueQueryDto): Promise<Record<string, unknown>> {
    return this.queuePage(query);
  }

  /** The queue as it stands, for its GET and for the bulk form refused (its filters are the form's query string). */
  async queuePage(query: QueueQueryDto): Promise<Record<string, unknown>> {
    return queueView(query, await this.affiliations.queue(query));
  }

  /** Opens the affiliation that has waited longest for a decision; with none waiting, the queue says so. */
  @Get('next')
  @Redirect('/admin/affiliations?status=submitted', 303)
  async nextWaiting(@Req() req: Request): Promise<Redirection> {
    const next = await this.affiliations.oldestAwaitingDecision();
    if (next) return { url: `/admin/branches/${next.branchId}#affiliation-${next.id}` };
    await setFlash(req, { kind: 'success', message: 'Nothing is waiting for a decision.' });
    return { url: '/admin/affiliations?status=submitted' };
  }

  /**
   * Approves the affiliations ticked in the queue (or the one row's button),
   * each through the workflow in its own transaction, then shows the queue
   * again, with the same filters, saying which were approved and which someone
   * else had decided first.
   */
  @Post('bulk')
  @FormView('affiliations/admin-queue', undefined, async (page: AdminAffiliationsPageController, req) =>
    page.queuePage(await validateBody(QueueQueryDto, req.query)),
  )
  @Redirect('/admin/affiliations', 303)
  async approveSelected(@Req() req: Request, @CurrentActor() actor: Actor, @Query() query: QueueQueryDto, @Body() dto: BulkApproveFormDto): Promise<Redirection> {
    const results = await this.affiliations.decideEach(actor, 'approve', dto.ids);
    await setFlash(req, bulkApprovalFlash(results, await this.affiliations.summaries(dto.ids)));
    return { url: queueUrl(query) };
  }

  /** Declared before `:id/:decision`, which would take its path. */
  @Post(':id/pay-what-you-can')
  @Redirect('/admin', 303)
  async agreeAmount(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeAmountFormDto): Promise<Redirection> {
    const a = await this.affiliations.agreePayWhatYouCan(actor, id, dto.amount);
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Get(':id/:decision')
  @Render(DECISION_FORM)
  async form(@Param('id', UUID_404) id: string, @Param('decision', ADMIN_DECISION_404) decision: AdminDecision): Promise<object> {
    return { ...(await this.decisionPage(id, decision)), values: {}, errors: {} };
  }

  /** The decision's page around its form: the branch and the affiliation it is about. */
  async decisionPage(id: unknown, decision: AdminDecision | undefined): Promise<Record<string, unknown>> {
    if (!decision?.message) throw new NotFoundError();
    return decisionView(await this.affiliations.queueRow(uuidOr404(id)), decision);
  }

  @Post(':id/:decision')
  @FormView(DECISION_FORM, decisionForm, (page: AdminAffiliationsPageController, req) =>
    page.decisionPage(req.params.id, adminDecision(String(req.params.decision))),
  )
  @Redirect('/admin', 303)
  async decide(@Req() req: Request, @CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Decision() decision: TakenDecision): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, decision.action, decision.message);
    const [summary] = await this.affiliations.summaries([a.id]);
    if (summary) await setFlash(req, decisionFlash(summary));
    return { url: `/admin/branches/${a.branchId}` };
  }
}
