import { ApiProperty } from '@nestjs/swagger';

/** A page of a list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const pageClasses = new Map<Function, Function>();

/**
 * The OpenAPI class for a page of `item`s, `{ items, total, page, pageSize }`,
 * made once per item type and named after it (`BranchPageDto`), so the
 * document has one schema per list and a generated client one type.
 */
export function PageOf<T>(item: new (...args: never[]) => T): new () => Page<T> {
  const known = pageClasses.get(item);
  if (known) return known as new () => Page<T>;
  class PageDto implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', minimum: 0, description: 'Items in the whole list, across its pages', example: 1 })
    total!: number;

    @ApiProperty({ type: 'integer', minimum: 1, description: 'This page (the first is 1)', example: 1 })
    page!: number;

    @ApiProperty({ type: 'integer', minimum: 1, description: 'Items per page', example: 25 })
    pageSize!: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  pageClasses.set(item, PageDto);
  return PageDto;
}

/** A whole list as one page (a list short by nature: the fee bands, the template kinds). */
export function wholeList<T>(items: T[]): Page<T> {
  return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
}

/** One page of an in-memory list. */
export function pageOf<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
}
