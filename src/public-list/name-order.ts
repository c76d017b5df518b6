/**
 * The order of names on the public list: English (en-GB) collation, case and
 * accents ignored, digits compared as numbers ("Branch 9" before "Branch 10").
 * `compareNames` is the definition. Sorting 20,000 names with it costs a few
 * hundred thousand ICU comparisons, so most names also get a `nameSortKey`:
 * a plain string whose code-unit order is the collator's order, compared with
 * `<`. Only names made of printable ASCII get one; any other compares with the
 * collator. name-order.spec.ts checks the two agree.
 */
export const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

export const compareNames = (a: string, b: string): number => collator.compare(a, b);

/**
 * Space and ASCII punctuation in the collator's own order, each mapped to a
 * code below the digits' (ICU sorts them before digits, digits before letters).
 * Derived from the collator at start-up rather than written out, so the table
 * cannot disagree with the ICU Node ships.
 */
const PUNCTUATION = new Map<string, string>();
{
  const marks: string[] = [];
  for (let c = 0x20; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    if (!/[A-Za-z0-9]/.test(ch)) marks.push(ch);
  }
  marks.sort(compareNames);
  let code = 0;
  marks.forEach((ch, i) => {
    if (i === 0 || compareNames(marks[i - 1], ch) !== 0) code += 1;
    PUNCTUATION.set(ch, String.fromCharCode(code));
  });
}
/** A run of digits is written as one code for its length (after this), then the digits: longer numbers sort later. */
const DIGIT_RUN_BASE = 0x30;
/** Longer runs than this (never in a real name) are left to the collator, so the length code stays below the letters. */
const MAX_DIGITS = 40;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A key whose `<` order is the collator's, or undefined when the name needs the collator itself. */
export function nameSortKey(name: string): string | undefined {
  if (!PRINTABLE_ASCII.test(name)) return undefined;
  const lower = name.toLowerCase();
  let key = '';
  for (let i = 0; i < lower.length; ) {
    const c = lower.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      let end = i;
      while (end < lower.length && lower.charCodeAt(end) >= 0x30 && lower.charCodeAt(end) <= 0x39) end += 1;
      // Leading zeros do not count: "01" and "1" are the same number.
      const digits = lower.slice(i, end).replace(/^0+(?=\d)/, '');
      if (digits.length > MAX_DIGITS) return undefined;
      key += String.fromCharCode(DIGIT_RUN_BASE + digits.length) + digits;
      i = end;
    } else if (c >= 0x61 && c <= 0x7a) {
      key += lower[i];
      i += 1;
    } else {
      key += PUNCTUATION.get(lower[i])!;
      i += 1;
    }
  }
  return key;
}

/** Compares two names by their keys when both have one (the same answer as the collator), else with the collator. */
export function compareKeyed(aName: string, aKey: string | undefined, bName: string, bKey: string | undefined): number {
  if (aKey !== undefined && bKey !== undefined) return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
  return compareNames(aName, bName);
}
