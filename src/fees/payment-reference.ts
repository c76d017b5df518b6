/**
 * Payment references: `PSOOL-2026-0042-K`.
 *
 * - `PSOOL` marks the campaign; `2026` is the affiliation year; `0042` the
 *   invoice's number in that year (four digits or more);
 * - the last character is a check character that catches a mistyped
 *   reference before it is matched to the wrong branch.
 *
 * Check character (a weighted sum modulo 31, like ISBN-10 with a prime
 * modulus): take the body's digits d1…dn (year then number, left to right) and
 * S = (1·d1 + 2·d2 + … + n·dn) mod 31. The check character is CHECK_ALPHABET[S].
 * The alphabet has 31 symbols: the digits and the capitals without I, L, O, S
 * and Z, which are easily read as 1, 1, 0, 5 and 2.
 *
 * Because 31 is prime and every weight and every difference between two
 * digits is smaller than 31, the check catches:
 * - any one wrong digit (the sum changes by weight × difference, never a
 *   multiple of 31);
 * - any two digits swapped, adjacent or not (it changes by the distance
 *   between them × their difference);
 * - a wrong check character, and the last digit swapped with a digit check
 *   character (the sum changes by (n + 1) × their difference).
 * A letter where a digit belongs, or a wrong prefix, fails the format itself.
 * The whole scheme holds while n < 30, i.e. for the next 10^21 invoices a year.
 */
export const REFERENCE_PREFIX = 'PSOOL';
export const CHECK_ALPHABET = '0123456789ABCDEFGHJKMNPQRTUVWXY';
const MODULUS = 31;
const NUMBER_WIDTH = 4;

/** The check character for the body's digits (year and number, without separators). */
export function checkCharacter(digits: string): string {
  if (!/^\d+$/.test(digits) || digits.length >= MODULUS - 1) throw new Error(`Not a reference body: ${digits}`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (i + 1) * Number(digits[i]);
  return CHECK_ALPHABET[sum % MODULUS]!;
}

/** The reference for invoice number `n` of `year`. */
export function makeReference(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isSafeInteger(n) || n < 1) throw new Error('Bad reference parts');
  const number = String(n).padStart(NUMBER_WIDTH, '0');
  return `${REFERENCE_PREFIX}-${year}-${number}-${checkCharacter(`${year}${number}`)}`;
}

/**
 * The receipt number of a paid invoice: `RCT-2026-0042` for `PSOOL-2026-0042-K`.
 * One receipt per invoice, so the invoice's year and number make it unique and
 * the same each time the receipt is downloaded; no check character, as nobody
 * pays with it.
 */
export function receiptNumber(reference: string): string {
  const m = new RegExp(`^${REFERENCE_PREFIX}-(\\d{4})-(\\d{${NUMBER_WIDTH},20})-[${CHECK_ALPHABET}]$`).exec(reference);
  if (!m) throw new Error(`Not a payment reference: ${reference}`);
  return `RCT-${m[1]}-${m[2]}`;
}

/** Uppercase, with spaces, hyphens and other separators removed: how a bank may pass it on. */
function compact(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** A reference as the portal writes it, for documents and clients: `PSOOL-2026-0042-K`. */
export const REFERENCE_PATTERN = `^${REFERENCE_PREFIX}-\\d{4}-\\d{${NUMBER_WIDTH},20}-[${CHECK_ALPHABET}]$`;

const COMPACT = new RegExp(`^${REFERENCE_PREFIX}(\\d{4})(\\d{${NUMBER_WIDTH},20})([${CHECK_ALPHABET}])$`);

/**
 * The canonical reference (`PSOOL-2026-0042-K`) when `value` is one whose
 * check character is right, however it was spaced or cased; otherwise null.
 */
export function parseReference(value: string): string | null {
  const m = COMPACT.exec(compact(value));
  if (!m) return null;
  const [, year, number, check] = m as unknown as [string, string, string, string];
  if (checkCharacter(`${year}${number}`) !== check) return null;
  return `${REFERENCE_PREFIX}-${year}-${number}-${check}`;
}

/**
 * Finds a valid reference inside free text such as a bank statement's
 * description ("BANK GIRO CREDIT REF PSOOL-2026-0042-K UNISON"). Separators are
 * tried as written first; only when nothing that looks like a reference is
 * written out (a bank ran it into the next word) are the few possible splits
 * of the digits after the prefix tried. Null unless exactly one valid reference is found.
 */
export function findReference(text: string): string | null {
  const upper = text.toUpperCase();
  const found = new Set<string>();
  const spaced = new RegExp(`${REFERENCE_PREFIX}[\\s-]*\\d{4}[\\s-]*\\d{${NUMBER_WIDTH},20}[\\s-]*[0-9A-Z](?![0-9A-Z])`, 'g');
  let written = false;
  for (const m of upper.matchAll(spaced)) {
    written = true;
    const ref = parseReference(m[0]);
    if (ref) found.add(ref);
  }
  // A reference written out but wrong stays unmatched: trying other splits could turn a typo into a match.
  if (!written) {
    const squashed = compact(upper);
    for (const m of squashed.matchAll(new RegExp(`${REFERENCE_PREFIX}(\\d{4})(\\d+)([0-9A-Z]?)`, 'g'))) {
      const [, year, digits, after] = m as unknown as [string, string, string, string];
      // The number is at least four digits; its check character is the next digit, or the letter after the digits.
      const candidates = `${digits}${after}`;
      for (let len = NUMBER_WIDTH; len < Math.min(candidates.length, NUMBER_WIDTH + 3); len++) {
        const ref = parseReference(`${REFERENCE_PREFIX}${year}${candidates.slice(0, len)}${candidates[len]}`);
        if (ref) found.add(ref);
      }
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}
