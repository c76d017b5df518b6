import { REGIONS, regionName } from '../branches/regions';
import { UNIONS, unionName } from '../branches/unions';
import type { Page } from '../common/openapi/page.dto';
import { shortDate } from '../common/views/short-date';
import type { AdminDecision } from './admin-decisions';
import { AFFILIATION_STATUSES, STATUS_LABELS, statusPast } from './affiliation-status';
import { actionsFrom, findTransition } from './affiliation-transitions';
import type { QueueRow } from './affiliations.repository';
import { AffiliationQueueItemDto } from './dto/affiliation-queue.dto';
import { QUEUE_SORTS, type QueueQueryDto } from './dto/queue-query.dto';

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
const FILTERS = ['status', 'union', 'region', 'sort'] as const;

/** The queue's filters, search and page size as a query string (no page: after a decision the list starts again). */
export function queueFilters(query: QueueQueryDto): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of FILTERS) if (query[key]) params.set(key, query[key]);
  if (query.pageSize) params.set('pageSize', String(query.pageSize));
  return params;
}

/** The queue with the same filters, to come back to after a decision taken on it. */
export function queueUrl(query: QueueQueryDto): string {
  const params = queueFilters(query).toString();
  return `/admin/affiliations${params ? `?${params}` : ''}`;
}

/**
 * A row as the queue shows it: the API's item (one list of its fields), with
 * names for keys and the decisions it offers added one by one. Not a spread:
 * in Node 20 every property written after one (`{ ...item, statusLabel }`)
 * costs microseconds, and the queue builds 25 rows a view.
 */
function queueItem(r: QueueRow, checkboxId = '') {
  const can = new Set(actionsFrom(r.status, 'admin'));
  const union = unionName(r.union, r.unionOther);
  return Object.assign(AffiliationQueueItemDto.from(r), {
    statusLabel: STATUS_LABELS[r.status],
    submittedOn: shortDate(r.submittedAt),
    unionName: union,
    // A phone's compact row leaves out a union the branch's name already says.
    unionInName: r.publicName.toLocaleLowerCase('en-GB').includes(union.toLocaleLowerCase('en-GB')),
    regionName: regionName(r.region),
    canApprove: can.has('approve'),
    canRequestChanges: can.has('request_changes'),
    canReject: can.has('reject'),
    checkboxId,
  });
}

/** The queue page's locals: the filters as chosen, the rows, the pages, and the bulk form's address. */
export function queueView(query: QueueQueryDto, result: Page<QueueRow>): Record<string, unknown> {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const filters = queueFilters(query);
  const link = (page: number): string => {
    const params = new URLSearchParams(filters);
    params.set('page', String(page));
    return `/admin/affiliations?${params.toString()}`;
  };
  const items = result.items.map((r) => queueItem(r));
  // The error summary's link ("Select at least one…") goes to the first box there is to tick.
  const firstSelectable = items.find((i) => i.canApprove);
  for (const i of items) i.checkboxId = i === firstSelectable ? 'bulk-ids' : `select-${i.id}`;
  const filtersOn = (['status', 'union', 'region'] as const).filter((k) => query[k]).length + (query.sort && query.sort !== 'submittedAt' ? 1 : 0);
  return {
    title: 'Affiliations',
    ...FILTER_LOCALS,
    query: { sort: 'submittedAt', ...query },
    filtersOn,
    total: result.total,
    page: result.page,
    pages,
    previous: result.page > 1 ? link(result.page - 1) : undefined,
    next: result.page < pages ? link(result.page + 1) : undefined,
    action: `/admin/affiliations/bulk${filters.size ? `?${filters.toString()}` : ''}`,
    showStatus: !query.status,
    selectable: !!firstSelectable,
    items,
  };
}

/**
 * The page a decision that needs words is taken on: it names the branch and
 * shows what the decision is about, and says so when the affiliation no
 * longer waits for this decision (then there is no form).
 */
export function decisionView(row: QueueRow, decision: AdminDecision): Record<string, unknown> {
  const message = decision.message!;
  return {
    title: `${message.title}: ${row.publicName}`,
    heading: message.title,
    affiliation: queueItem(row),
    canDecide: !!findTransition(row.status, decision.action, 'admin'),
    past: statusPast(row.status),
    field: message.field,
    label: message.label,
    button: message.button,
  };
}
