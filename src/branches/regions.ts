/** The TUC's regions and nations, as a branch chooses its own. */
export const REGIONS = [
  { key: 'northern', name: 'Northern' },
  { key: 'north_west', name: 'North West' },
  { key: 'yorkshire_humber', name: 'Yorkshire and the Humber' },
  { key: 'midlands', name: 'Midlands' },
  { key: 'eastern', name: 'Eastern' },
  { key: 'london', name: 'London' },
  { key: 'south_east', name: 'South East' },
  { key: 'south_west', name: 'South West' },
  { key: 'wales', name: 'Wales' },
  { key: 'scotland', name: 'Scotland' },
  { key: 'northern_ireland', name: 'Northern Ireland' },
] as const;

export type Region = (typeof REGIONS)[number]['key'];
export const REGION_KEYS: readonly string[] = REGIONS.map((r) => r.key);
const BY_KEY = new Map<string, string>(REGIONS.map((r) => [r.key, r.name]));

export function regionName(key: string): string {
  return BY_KEY.get(key) ?? key;
}

/** Every region in the TUC's order, none left out, with the sum of `count` over the items in it. */
export function countByRegion<T>(
  items: readonly T[],
  regionOf: (item: T) => string,
  count: (item: T) => number = () => 1,
): { key: Region; name: string; count: number }[] {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(regionOf(item), (sums.get(regionOf(item)) ?? 0) + count(item));
  return REGIONS.map((r) => ({ key: r.key, name: r.name, count: sums.get(r.key) ?? 0 }));
}
