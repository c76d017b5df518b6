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
