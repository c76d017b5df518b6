/**
 * The affiliation year an affiliation submitted at `at` belongs to. Affiliations
 * run by calendar year (UK time); renewal raises the next year's.
 */
export function affiliationYearOf(at: Date): number {
  return Number(at.toLocaleDateString('en-GB', { year: 'numeric', timeZone: 'Europe/London' }));
}
