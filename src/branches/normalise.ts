/**
 * The form of a branch name or code the duplicate guard compares: case,
 * accents, punctuation, spacing and a leading "the" or trailing "branch" do
 * not make a different branch ("Leeds  City Branch" = "leeds city").
 */
export function normaliseBranchName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ branch$/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 150);
}

export function normaliseBranchCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const out = code.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return out.length ? out.slice(0, 40) : null;
}

export function unionKeyOf(union: string, unionOther?: string | null): string {
  return union === 'other' ? `other:${normaliseBranchName(unionOther ?? '')}` : union;
}
