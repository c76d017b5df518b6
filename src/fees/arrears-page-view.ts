import { shortDate } from '../common/views/short-date';
import { DEFAULT_ARREARS_SORT, type ArrearsBucket, type ArrearsSort, type ArrearsSortColumn } from './arrears';
import type { ArrearsItem, ArrearsPage } from './arrears.service';
import type { ReminderStanding } from './invoice-reminders.service';

const BASE = '/admin/fees/arrears';

/** The list's own query: what a link or the form carries to show the same view. */
interface ListState {
  bucket?: ArrearsBucket;
  sort?: ArrearsSort;
  page?: number;
}

/** `/admin/fees/arrears` with the state given, leaving out what is the default. */
export function arrearsPath(state: ListState, outcome?: { sent: string[]; refused: string[] }): string {
  const q = new URLSearchParams();
  if (state.bucket) q.set('bucket', state.bucket);
  if (state.sort && state.sort !== DEFAULT_ARREARS_SORT) q.set('sort', state.sort);
  if (state.page && state.page > 1) q.set('page', String(state.page));
  if (outcome?.sent.length) q.set('sent', outcome.sent.join(','));
  if (outcome?.refused.length) q.set('refused', outcome.refused.join(','));
  const s = q.toString();
  return s ? `${BASE}?${s}` : BASE;
}

/** A row as the table shows it: only what it shows, built field by field (every view builds 50). */
function row(i: ArrearsItem, first: boolean) {
  return {
    invoiceId: i.invoiceId,
    // The first box is the one the error summary links to.
    checkboxId: first ? 'field-ids' : `select-${i.invoiceId}`,
    reference: i.reference,
    branchId: i.branchId,
    branchName: i.branchName,
    unionName: i.unionName,
    outstandingPence: i.outstandingPence,
    daysOverdue: i.daysOverdue,
    dueOnShort: shortDate(`${i.dueOn}T12:00:00Z`),
    lastReminderShort: i.lastReminderAt ? shortDate(i.lastReminderAt) : null,
    canRemind: i.nextReminderFrom === null,
    nextReminderShort: i.nextReminderFrom ? shortDate(i.nextReminderFrom) : null,
  };
}

/** The sortable columns, in the table's order, and which way a first click sorts each (longest overdue and largest debts first). */
const COLUMNS: { key: ArrearsSortColumn; label: string; firstDescending: boolean; numeric?: boolean }[] = [
  { key: 'branch', label: 'Branch', firstDescending: false },
  { key: 'union', label: 'Union', firstDescending: false },
  { key: 'reference', label: 'Reference', firstDescending: false },
  { key: 'outstanding', label: 'Owed', firstDescending: true, numeric: true },
  { key: 'daysOverdue', label: 'Overdue', firstDescending: true, numeric: true },
  { key: 'lastReminder', label: 'Reminded', firstDescending: false },
];

/** What the last batch of reminders did: the invoices reminded about and those refused, as they stand now. */
export interface ArrearsOutcome {
  sent: string[];
  refused: string[];
  states: Map<string, ReminderStanding>;
}

export type ArrearsView = Record<string, unknown>;

/** What the arrears page shows: the list, its bucket links and sortable headings, and what the last reminders did. */
export function arrearsPageView(query: ListState, page: ArrearsPage, outcome?: ArrearsOutcome): ArrearsView {
  const sort = query.sort ?? DEFAULT_ARREARS_SORT;
  const state: ListState = { bucket: query.bucket, sort };
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    title: 'Arrears',
    all: page.all,
    bucket: query.bucket,
    sort,
    page: page.page,
    pages,
    total: page.total,
    buckets: [
      { label: 'All', count: page.all.count, outstandingPence: page.all.outstandingPence, href: arrearsPath({ sort }), current: !query.bucket },
      ...page.buckets.map((b) => ({ label: b.label, count: b.count, outstandingPence: b.outstandingPence, href: arrearsPath({ bucket: b.bucket, sort }), current: query.bucket === b.bucket })),
    ],
    columns: COLUMNS.map((c) => {
      const ascending = sort === c.key;
      const descending = sort === `-${c.key}`;
      const next = ascending ? `-${c.key}` : descending ? c.key : c.firstDescending ? `-${c.key}` : c.key;
      return {
        label: c.label,
        numeric: c.numeric ?? false,
        href: arrearsPath({ ...state, sort: next as ArrearsSort }),
        ariaSort: ascending ? 'ascending' : descending ? 'descending' : undefined,
      };
    }),
    items: page.items.map((i, n) => row(i, n === 0)),
    previous: page.page > 1 ? arrearsPath({ ...state, page: page.page - 1 }) : undefined,
    next: page.page < pages ? arrearsPath({ ...state, page: page.page + 1 }) : undefined,
    csvHref: `/api/admin/exports/arrears.csv${arrearsPath(state).slice(BASE.length)}`,
    sentLines: outcome ? describeSent(outcome) : [],
    refusedLines: outcome ? describeRefused(outcome) : [],
  };
}

/** Each invoice the last batch reminded about, with when (as recorded). */
function describeSent(o: ArrearsOutcome): { reference: string; branchName: string; at: Date }[] {
  return o.sent.flatMap((id) => {
    const s = o.states.get(id);
    return s?.lastReminderAt ? [{ reference: s.reference, branchName: s.branchName, at: s.lastReminderAt }] : [];
  });
}

/** Why each refused invoice got no reminder, as the rule says now. */
function describeRefused(o: ArrearsOutcome): string[] {
  return o.refused.flatMap((id) => {
    const why = o.states.get(id)?.refusal;
    return why ? [why] : [];
  });
}
