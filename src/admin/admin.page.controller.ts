import { Body, Controller, Get, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { STATUS_LABELS, AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliations/affiliation-status';
import { actionsFrom } from '../affiliations/affiliation-transitions';
import { AffiliationsService } from '../affiliations/affiliations.service';
import { EmptyActionDto, RejectDto, RequestChangesDto, SuspendDto } from '../affiliations/dto/decision.dto';
import { QUEUE_SORTS, QueueQueryDto } from '../affiliations/dto/queue-query.dto';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { BranchSecretariesService } from '../branches/branch-secretaries.service';
import { ReassignBranchDto } from '../branches/dto/handover.dto';
import { REGIONS, regionName } from '../branches/regions';
import { UNIONS, unionName } from '../branches/unions';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { FormView } from '../common/http/form-view';
import { AdminNotesService } from './admin-notes.service';
import { AdminService } from './admin.service';
import { AuditLogService } from './audit-log.service';
import { AddNoteDto, AgreeAmountFormDto, AuditQueryDto, ClaimDecisionDto } from './dto/admin.dto';

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

/** Decisions that need words for the secretary get a page of their own. */
const MESSAGE_DECISIONS = {
  reject: { title: 'Reject the affiliation', field: 'reason', label: 'Reason (sent to the branch secretary)', button: 'Reject' },
  'request-changes': { title: 'Ask for changes', field: 'message', label: 'What needs changing (sent to the branch secretary)', button: 'Send request' },
  suspend: { title: 'Suspend the affiliation', field: 'reason', label: 'Reason (sent to the branch secretary)', button: 'Suspend' },
} as const;

@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminPageController {
  constructor(
    private readonly admin: AdminService,
    private readonly affiliations: AffiliationsService,
    private readonly notes: AdminNotesService,
    private readonly secretaries: BranchSecretariesService,
    private readonly auditLog: AuditLogService,
  ) {}

  @Get()
  @Render('admin/dashboard')
  async dashboard(): Promise<object> {
    const { counts, claims } = await this.admin.dashboard();
    return {
      title: 'Admin',
      cards: [
        { label: 'Waiting for review', n: counts.submitted ?? 0, status: 'submitted' },
        { label: 'Changes requested', n: counts.changes_requested ?? 0, status: 'changes_requested' },
        { label: 'Approved', n: counts.approved ?? 0, status: 'approved' },
        { label: 'Lapsed', n: counts.lapsed ?? 0, status: 'lapsed' },
      ],
      claims,
    };
  }

  @Get('affiliations')
  @Render('admin/queue')
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

  @Get('branches/:id')
  @Render('admin/branch')
  async branch(@Param('id', UUID_404) id: string): Promise<object> {
    const v = await this.admin.branchView(id);
    return {
      title: v.branch.publicName,
      ...v,
      unionName: unionName(v.branch.union, v.branch.unionOther),
      regionName: regionName(v.branch.region),
      affiliations: v.affiliations.map((a) => {
        const actions = actionsFrom(a.status, 'admin');
        return {
          ...a,
          statusLabel: STATUS_LABELS[a.status],
          can: Object.fromEntries(actions.map((x) => [x, true])),
          canAgreeAmount: a.payWhatYouCan && !a.payWhatYouCanAgreedAt,
        };
      }),
      history: v.history.map((h) => ({ ...h, toLabel: STATUS_LABELS[h.toStatus as AffiliationStatus] ?? h.toStatus })),
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

  @Post('affiliations/:id/approve')
  @Redirect('/admin', 303)
  async approve(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() _dto: EmptyActionDto): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, 'approve');
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Post('affiliations/:id/reinstate')
  @Redirect('/admin', 303)
  async reinstate(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() _dto: EmptyActionDto): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, 'reinstate');
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Post('affiliations/:id/pay-what-you-can')
  @Redirect('/admin', 303)
  async agreeAmount(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeAmountFormDto): Promise<Redirection> {
    const [pounds, pence = '00'] = dto.amount.replace('£', '').split('.');
    const a = await this.affiliations.agreePayWhatYouCan(actor, id, Number(pounds) * 100 + Number(pence));
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Get('affiliations/:id/reject')
  @Render('admin/decision')
  rejectForm(@Param('id', UUID_404) _id: string): object {
    return { ...MESSAGE_DECISIONS.reject, values: {}, errors: {} };
  }

  @Post('affiliations/:id/reject')
  @FormView('admin/decision', MESSAGE_DECISIONS.reject)
  @Redirect('/admin', 303)
  async reject(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: RejectDto): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, 'reject', dto.reason);
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Get('affiliations/:id/request-changes')
  @Render('admin/decision')
  requestChangesForm(@Param('id', UUID_404) _id: string): object {
    return { ...MESSAGE_DECISIONS['request-changes'], values: {}, errors: {} };
  }

  @Post('affiliations/:id/request-changes')
  @FormView('admin/decision', MESSAGE_DECISIONS['request-changes'])
  @Redirect('/admin', 303)
  async requestChanges(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: RequestChangesDto): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, 'request_changes', dto.message);
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Get('affiliations/:id/suspend')
  @Render('admin/decision')
  suspendForm(@Param('id', UUID_404) _id: string): object {
    return { ...MESSAGE_DECISIONS.suspend, values: {}, errors: {} };
  }

  @Post('affiliations/:id/suspend')
  @FormView('admin/decision', MESSAGE_DECISIONS.suspend)
  @Redirect('/admin', 303)
  async suspend(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: SuspendDto): Promise<Redirection> {
    const a = await this.affiliations.decide(actor, id, 'suspend', dto.reason);
    return { url: `/admin/branches/${a.branchId}` };
  }

  @Get('audit')
  @Render('admin/audit')
  async audit(@Query() query: AuditQueryDto): Promise<object> {
    const result = await this.auditLog.findForAdmin(query);
    const link = (page: number): string => {
      const params = new URLSearchParams();
      for (const key of ['action', 'actor', 'from', 'to'] as const) if (query[key]) params.set(key, query[key]);
      params.set('page', String(page));
      return `/admin/audit?${params.toString()}`;
    };
    return {
      title: 'Audit log',
      query,
      items: result.items.map((e) => ({
        ...e,
        when: new Date(e.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }),
        summaryText: JSON.stringify(e.summary),
      })),
      previous: result.page > 1 ? link(result.page - 1) : undefined,
      next: result.hasMore ? link(result.page + 1) : undefined,
    };
  }
}
