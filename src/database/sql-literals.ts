/**
 * A SQL list of string literals (`'a', 'b'`), for CHECK constraints built from
 * the code's own tables of allowed values — never from input.
 */
export function sqlLiterals(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
}
