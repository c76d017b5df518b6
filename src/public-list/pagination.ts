import type { PublicListFilter } from './public-list.snapshot';

export interface PageLink {
  number?: number;
  href?: string;
  current?: boolean;
  /** A gap in the numbers ("…"). */
  ellipsis?: boolean;
}

/** Links between the pages of a list, as GOV.UK's pagination shows them: previous, numbers with gaps, next. */
export interface Pagination {
  page: number;
  pageCount: number;
  previous?: string;
  next?: string;
  items: PageLink[];
}

/**
 * The link to page `page` of a list at `path` with `filter`, with the
 * parameters always in the same order (so one page has one URL, and one cached
 * response) and page 1 without a page number.
 */
export function listHref(path: string, filter: PublicListFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.union) params.set('union', filter.union);
  if (filter.region) params.set('region', filter.region);
  if (filter.q) params.set('q', filter.q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Undefined when everything fits on one page. Shows the first, last, current and neighbouring pages. */
export function pagination(page: number, pageCount: number, href: (page: number) => string): Pagination | undefined {
  if (pageCount <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: PageLink[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    page,
    pageCount,
    previous: page > 1 && page <= pageCount ? href(page - 1) : undefined,
    next: page < pageCount ? href(page + 1) : undefined,
    items,
  };
}
