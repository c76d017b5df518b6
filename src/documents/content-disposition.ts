/**
 * `Content-Disposition: attachment` for a file name the server built (RFC 6266):
 * a quoted ASCII fallback for every client, and the exact UTF-8 name as
 * `filename*` (RFC 8187) when it has characters outside ASCII.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = asciiFallback(filename);
  if (fallback === filename) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(filename)}`;
}

/** RFC 8187 attr-char stays; every other byte is percent-encoded. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Typographic punctuation that has a plain ASCII form a reader recognises. */
const ASCII_LOOKALIKES: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u02bc\u2032]/g, "'"],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2000-\u200a\u202f]/g, ' '],
];

/**
 * Accents dropped ("é" → "e"), curly apostrophes as "'" ("a’r" → "a'r"),
 * dashes as "-", anything else outside printable ASCII dropped, no double
 * quotes or backslashes.
 */
export function asciiFallback(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot) : '';
  const stem = ASCII_LOOKALIKES.reduce((text, [pattern, ascii]) => text.replace(pattern, ascii), dot > 0 ? filename.slice(0, dot) : filename)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s.-]+$/, '')
    .trim();
  return `${stem || 'document'}${ext.replace(/[^\x20-\x7e]|["\\]/g, '')}`;
}

const FORBIDDEN_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A piece of a file name from free text: no path separators, reserved or
 * invisible characters; at most `max` characters, cut after a whole word
 * when there is one in the second half (a single long word is cut where it
 * must be, never inside a character).
 */
export function fileNamePart(text: string, max = 60): string {
  const cleaned = text.replace(FORBIDDEN_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...cleaned];
  let cut = cleaned;
  if (chars.length > max) {
    const space = chars.lastIndexOf(' ', max);
    cut = chars.slice(0, space >= max / 2 ? space : max).join('');
  }
  return cut.replace(/^[.\s]+/, '').replace(/[\s.,;:(\[{&+–—-]+$/u, '');
}

/** What a made-for-one-person download needs to be sent. */
export interface PersonalDownload {
  contentType: string;
  filename: string;
  buffer: Buffer;
}

/**
 * Sends a file made for one person or branch: saved under the server-built
 * name, never cached by anyone, never content-sniffed.
 */
export function sendPersonalDownload(res: import('express').Response, doc: PersonalDownload): void {
  res.status(200);
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(doc.filename));
  res.setHeader('Content-Length', doc.buffer.length);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(doc.buffer);
}
