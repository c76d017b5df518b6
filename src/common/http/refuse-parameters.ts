import { BadInputError } from '../errors/domain-error';

/**
 * For a public read that takes no query parameters: any is refused (400, one
 * message per parameter), as a misspelt one would otherwise be silently ignored.
 */
export function refuseParameters(query: Record<string, unknown>): void {
  const unknown = Object.keys(query);
  if (unknown.length) throw new BadInputError(Object.fromEntries(unknown.map((k) => [k, [`${k} is not a parameter of this list`]])));
}
