const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Case- and accent-insensitive form for matching what someone types against names. */
export function searchable(text: string): string {
  // Most names are plain ASCII: no decomposition needed.
  const folded = PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return folded.toLowerCase().replace(/\s+/g, ' ').trim();
}
