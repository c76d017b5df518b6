import { londonDate } from '../common/clock';
import { BadInputError } from '../common/errors/domain-error';
import { MAX_PAGE } from '../common/dto/page-query.dto';
import type { PublicMessagesDto, PublicSignaturesPageDto } from './dto/statement-responses.dto';
import type { StatementSnapshot } from './statement-public.service';

/** `page` from a query: a whole number from 1 to MAX_PAGE, or undefined when it is not one. */
export function pageNumber(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^\d{1,5}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= MAX_PAGE ? n : undefined;
}

/** The API's query: only `page`; anything else is refused, so a misspelt parameter is never ignored. */
export function parseSignaturesQuery(query: Record<string, unknown>): number {
  const unknown = Object.keys(query).filter((k) => k !== 'page');
  const errors: Record<string, string[]> = {};
  for (const k of unknown) errors[k] = [`${k} is not a parameter of this list`];
  const page = pageNumber(query.page);
  if (page === undefined) errors.page = [`page must be a whole number from 1 to ${MAX_PAGE}`];
  if (Object.keys(errors).length) throw new BadInputError(errors);
  return page!;
}

/** One page of the listed signatures: only the four public fields, copied one by one. */
export function signaturesPage(snapshot: StatementSnapshot, page: number, pageSize: number): PublicSignaturesPageDto {
  return {
    total: snapshot.total,
    listed: snapshot.listed.length,
    page,
    pageSize,
    items: snapshot.listed.slice((page - 1) * pageSize, page * pageSize).map((s) => ({
      name: s.name,
      town: s.town,
      organisation: s.organisation,
      signedOn: londonDate(s.confirmedAt),
    })),
  };
}

export function publishedMessages(snapshot: StatementSnapshot): PublicMessagesDto {
  return { items: snapshot.messages.map((m) => ({ name: m.name, message: m.message, publishedOn: londonDate(m.publishedAt) })) };
}
