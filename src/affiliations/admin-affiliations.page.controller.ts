import { Body, Controller, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { REGIONS, regionName } from '../branches/regions';
import { UNIONS, unionName } from '../branches/unions';
import { NotFoundError } from '../common/errors/domain-error';
import { FormView } from '../common/http/form-view';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { ADMIN_DECISION_404, adminDecision, Decision, type AdminDecision, type TakenDecision } from './admin-decisions';
import { AFFILIATION_STATUSES, STATUS_LABELS } from './affiliation-status';
import { AffiliationsService } from './affiliations.service';
import { AgreeAmountFormDto } from './dto/pay-what-you-can.dto';
import { QUEUE_SORTS, QueueQueryDto } from './dto/queue-query.dto';

type Redirection = { url: string };

const SORT_LABELS: Record<string, string> = {
  submittedAt: 'Submitted, oldest first',
  '-submittedAt': 'Submitted, newest first',
  publicName: 'Name, A to Z',
  '-publicName': 'Name, Z to A',
  union: 'Union',
  region: 'Region',
};
const FILTER_LOCALS = {
  statuses: AFFILIATION_STATUSES.map((key) => ({ key, name: STATUS_LABELS[key] })),
  unions: [...UNIONS].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
  regions: REGIONS,
  sorts: QUEUE_SORTS.map((key) => ({ key, name: SORT_LABELS[key] })),
};

/** A decision that needs words for the secretary has a page of its own; the others are a button. */
const DECISION_FORM = 'affiliations/admin-decision';
/** The form a refused decision shows again: the one its path names (approve and reinstate have none). */
function decisionForm(req: Request): Record<string, unknown> | undefined {
  const message = adminDecision(String(req.params.decision))?.message;
  return message && { ...message };
}

/** The admin's affiliation queue and the decisions taken on one affiliation. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/affiliations')
export class AdminAffiliationsPageController {
  constructor(private readonly affiliations: AffiliationsService) {}

  @Get()
  @Render('affiliations/admin-queue')
  async queue(@Query() query: QueueQueryDto): Promise<object> {
    const result = await this.affiliations.queue(query);
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const link = (page: number): string => {
      const params = new URLSearchParams();
      for (const key of ['status', 'union', 'region', 'sort'] as const) if (query[key]) params.set(key, query[key]);
      if (query.pageSize) params.set('pageSize', String(query.pageSize));
      params.set('page', String(page));
      return `/admin/affiliations?${params.toString()}`;
    };
    return {
      title: 'Affiliations',
      ...FILTER_LOCALS,
      query: { sort: 'submittedAt', ...query },
      total: result.total,
      page: result.page,
      pages,
      previous: result.page > 1 ? link(result.page - 1) : undefined,
      next: result.page < pages ? link(result.page + 1) : undefined,
      items: result.items.map((r) => ({
        ...r,
        statusLabel: STATUS_LABELS[r.status],
        unionName: unionName(r.union, r.unionOther),
        regionName: regionName(r.region),
      })),
    };
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
  form(@Param('id', UUID_404) _id: string, @Param('decision', ADMIN_DECISION_404) decision: AdminDecision): object {
    if (!decision.message) throw new NotFoundError();
    return { ...decision.message, values: {}, errors: {} };
  }

  @Post(':id/:decision')
  @FormView(DECISION_FORM, decisionForm)
  @Redirect('/admin', 303)
  async decide(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Decision() decision: TakenDecision): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, decision.action, decision.message);
    return { url: `/admin/branches/${a.branchId}` };
  }
}
