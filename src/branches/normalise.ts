import { confusableSkeleton, INVISIBLE_CHARACTERS } from '../common/text/lookalikes';

/**
 * Case, accents, compatibility forms (fullwidth, ligatures, mathematical
 * letters) and invisible characters (zero-width spaces, joiners, soft hyphens,
 * bidi marks, blank fillers) do not make a different name.
 */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE_CHARACTERS, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * Nor do letters of another script that look the same (Cyrillic "е" for "e"),
 * or look-alike sequences ("rn" for "m", "0" for "O"): Unicode TR39 skeletons,
 * only ever compared, never shown. A skeleton is case-sensitive, and some
 * letters are confusable only as capitals (Cyrillic "В" and "B"; lower-case
 * "в" is not "b") and others only in lower case ("rn" and "m"), so the text is
 * compared by the skeleton of its capitals, lower-cased, then skeletonised
 * again. Starting from one case keeps the whole comparison case-insensitive.
 */
function foldLookalikes(text: string): string {
  const capitals = confusableSkeleton(fold(text).toUpperCase());
  return fold(confusableSkeleton(fold(capitals)));
}

/** Spacing, punctuation, "&", a leading "the" and a trailing "branch" do not make a different name either. */
function tidy(folded: string): string {
  return folded
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ branch$/, '')
    .replace(/\s+/g, ' ')
    .slice(0, 150);
}

/**
 * The form of a branch name the duplicate guard compares: "Leeds  City Branch",
 * "the leeds city", "Lееds City" (Cyrillic е) and "Lee\u200Bds City" are one name.
 */
export function normaliseBranchName(name: string): string {
  return tidy(foldLookalikes(name));
}

export function normaliseBranchCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const out = foldLookalikes(code).replace(/[^\p{L}\p{N}]+/gu, '');
  return out.length ? out.slice(0, 40) : null;
}

/**
 * A listed union's key, or `other:<name>` for another union. The name is
 * folded but stays readable (no skeleton): the key appears in the public
 * list's links and feed. Look-alike letters in an "other" union's name
 * therefore make a different key; the branch name beside it is still
 * compared by its skeleton.
 */
export function unionKeyOf(union: string, unionOther?: string | null): string {
  return union === 'other' ? `other:${tidy(fold(unionOther ?? ''))}` : union;
}
