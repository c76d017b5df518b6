/**
 * Characters removed from every value before it goes into a document:
 * - those XML 1.0 cannot hold at all: C0 controls other than tab, LF and CR,
 *   lone surrogates, U+FFFE and U+FFFF (a file holding them does not open);
 * - those it may hold but Word and LibreOffice mishandle or that change how the
 *   text around them reads: C1 controls and DEL, the other noncharacters,
 *   bidi embeddings, overrides and isolates.
 * Input validation refuses most of these first (see IsSafeText); this is the
 * last line, for values that come from anywhere.
 */
const REMOVED =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udfff]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/gu;

/** Tabs, line breaks and the Unicode line and paragraph separators. */
const LINE_SPACE = /[\t\n\r\u2028\u2029]+/g;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/** A value as one line of text that any XML part can hold. */
export function cleanText(value: string): string {
  return value.replace(REMOVED, '').replace(LINE_SPACE, ' ').trim();
}

/** A value as lines of text (blank lines dropped), each one safe for XML. */
export function cleanLines(value: string): string[] {
  return value
    .split(LINE_BREAK)
    .map(cleanText)
    .filter((line) => line !== '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content or attributes, as the docx package writes it. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
