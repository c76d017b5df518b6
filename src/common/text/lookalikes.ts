import unhomoglyph from 'unhomoglyph';

/**
 * Characters that show nothing: format controls (zero-width space and joiners,
 * soft hyphen, word joiner, bidi marks and overrides, BOM) and the other
 * default-ignorable code points (variation selectors, Hangul fillers, …).
 */
export const INVISIBLE_CHARACTERS = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The first invisible character in `text`, or undefined. */
export function findInvisibleCharacter(text: string): string | undefined {
  return new RegExp(INVISIBLE_CHARACTERS.source, 'u').exec(text)?.[0];
}

/**
 * The skeleton of Unicode TR39 (Unicode Security Mechanisms, section 4):
 * NFD, each character replaced by the prototype of its confusables class,
 * NFD again. Two strings that look alike have the same skeleton. The mapping
 * is TR39's confusables.txt, as the `unhomoglyph` package ships it.
 */
export function confusableSkeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}
