import { londonDate } from '../common/clock';
import { pagination } from '../public-list/pagination';
import type { StatementSnapshot } from './statement-public.service';

const people = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person or group has' : 'people and groups have'}`;

/**
 * What /statement shows of the signatures: the count of every confirmed one;
 * the listed people (name and town) a page at a time, newest first; listed
 * groups apart; published messages. Where a list would name nobody, only the count.
 */
export function signatureLocals(snapshot: StatementSnapshot, page: number, pageSize: number): Record<string, unknown> {
  const pageCount = Math.max(1, Math.ceil(snapshot.people.length / pageSize));
  const href = (n: number): string => (n > 1 ? `/statement?supporters=${n}#supporters-title` : '/statement#supporters-title');
  const shown = snapshot.people.slice((page - 1) * pageSize, page * pageSize);
  return {
    signedTotal: snapshot.total,
    signedLabel: people(snapshot.total),
    unlistedCount: snapshot.total - snapshot.listed.length,
    supporters: shown.map((s) => ({ name: s.name, town: s.town, signedOn: londonDate(s.confirmedAt) })),
    supportersPagination: pagination(page, pageCount, href),
    missingSupportersPage: page > pageCount ? { last: href(pageCount) } : undefined,
    groupSupporters: snapshot.groups.map((s) => ({ organisation: s.organisation, name: s.name, town: s.town })),
    messages: snapshot.messages.map((m) => ({ name: m.name, message: m.message, publishedOn: londonDate(m.publishedAt) })),
  };
}
