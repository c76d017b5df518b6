import { UNIONS } from './unions';

/** How long an admin's search (`q`) may be, and how many of its words count. */
export const MAX_SEARCH_LENGTH = 100;
const MAX_WORDS = 5;

/**
 * The words of a search as PostgreSQL's text search reads a name: runs of
 * letters and digits, lower case. Nothing else survives, so a word can never
 * carry tsquery syntax (`&`, `|`, `!`, `:`, quotes).
 */
export function searchWords(q: string): string[] {
  return (q.toLocaleLowerCase('en-GB').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/** The listed unions with a word of their name starting with `word`, or keyed by it: "journ" → nuj. */
function unionKeysMatching(word: string): string[] {
  return UNIONS.filter((u) => u.key === word || (u.name.toLocaleLowerCase('en-GB').match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => w.startsWith(word))).map(
    (u) => u.key,
  );
}

/**
 * The text a branch is searched in, as words: its public name and the name of
 * a union typed in as "other". The GIN index ix_branches_search is on exactly
 * this expression (the AddBranchSearchIndex migration), so a change here is a
 * change there.
 */
export const BRANCH_SEARCH_VECTOR = (alias: string): string =>
  `to_tsvector('simple', ${alias}.public_name || ' ' || coalesce(${alias}.union_other, ''))`;

/**
 * The condition a branch (as `alias`) meets when it matches an admin's search
 * by branch or union name: each word (up to five) begins a word of its public
 * name or of a union typed in as "other" — or, for a word beginning a word of
 * the name of a union from the list, the branch is of that union. "unison
 * leeds" finds UNISON's Leeds branches; "lee" finds Leeds. Values are pushed
 * onto `params` and named by position, never written into the SQL. The words
 * are answered from one GIN index (ix_branches_search), a union from the list
 * from ix_branches_union_region. A search with no words matches every branch.
 */
export function branchSearchWhere(q: string, alias: string, params: unknown[]): string {
  const vector = BRANCH_SEARCH_VECTOR(alias);
  const clauses = searchWords(q).map((word) => {
    const byName = `${vector} @@ to_tsquery('simple', $${params.push(`${word}:*`)})`;
    const keys = unionKeysMatching(word);
    return keys.length ? `(${byName} OR ${alias}.union = ANY($${params.push(keys)}))` : byName;
  });
  return clauses.length ? clauses.join(' AND ') : 'true';
}
