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

/** Accents dropped ("é" → "e"), anything else outside printable ASCII dropped, no quotes or backslashes. */
export function asciiFallback(filename: string): string {
  const dot = filename.lastIndexOf('.');
  const ext = dot > 0 ? filename.slice(dot) : '';
  const stem = (dot > 0 ? filename.slice(0, dot) : filename)
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

/** A piece of a file name from free text: no path separators, reserved or invisible characters; at most `max` characters. */
export function fileNamePart(text: string, max = 60): string {
  const cleaned = text.replace(FORBIDDEN_IN_FILE_NAMES, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...cleaned];
  return (chars.length > max ? chars.slice(0, max).join('').trim() : cleaned).replace(/^[.\s]+|[.\s]+$/g, '');
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
