import { fileNamePart } from '../content-disposition';

/** What a signed letter may be: a scan or a photo of the paper the branch signed. */
export const SIGNED_LETTER_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type SignedLetterMediaType = (typeof SIGNED_LETTER_MEDIA_TYPES)[number];

/** For people ("PDF") and for the file name the portal gives it on download. */
export const SIGNED_LETTER_FORMATS: Record<SignedLetterMediaType, { label: string; extension: string }> = {
  'application/pdf': { label: 'PDF', extension: 'pdf' },
  'image/jpeg': { label: 'JPEG', extension: 'jpg' },
  'image/png': { label: 'PNG', extension: 'png' },
};

/**
 * Each accepted type by the bytes every file of that type starts with. Three
 * fixed signatures at offset 0 are all there is to check, so no detection
 * library: file-type (the usual one) is ESM-only, needs Node 22 where this
 * app runs on 20, and asks for a worker and a timeout around its parsers of
 * untrusted input — to then recognise a hundred types this refuses.
 */
const SIGNATURES: readonly { type: SignedLetterMediaType; bytes: readonly number[] }[] = [
  // "%PDF-": a PDF's header line (ISO 32000-2 §7.5.2).
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // A JPEG's start-of-image marker, then the first segment's marker.
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // The PNG signature (ISO/IEC 15948 §5.2).
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * Files people upload by mistake, recognised only to say what went wrong in
 * their words: never accepted.
 */
const MISTAKES: readonly { what: string; at: number; bytes: readonly number[] }[] = [
  { what: 'a Word document (or another ZIP file): print or scan the signed paper copy instead', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'an older Word document: print or scan the signed paper copy instead', at: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { what: 'an HEIC photo: set the camera to “Most Compatible”, or send a screenshot of the photo', at: 4, bytes: [0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69] },
  { what: 'a program, not a document', at: 0, bytes: [0x4d, 0x5a] },
  { what: 'a program, not a document', at: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

const startsWith = (content: Buffer, bytes: readonly number[], at = 0): boolean =>
  content.length >= at + bytes.length && bytes.every((b, i) => content[at + i] === b);

/** The accepted type the content is, by its first bytes; undefined for anything else, whatever its name says. */
export function detectSignedLetterType(content: Buffer): SignedLetterMediaType | undefined {
  return SIGNATURES.find((s) => startsWith(content, s.bytes))?.type;
}

/** What a refused file looks like, when it is a common mistake ("a Word document…"). */
export function describeRefusedFile(content: Buffer): string | undefined {
  return MISTAKES.find((m) => startsWith(content, m.bytes, m.at))?.what;
}

/**
 * The name the file had on the uploader's device, to show admins: without a
 * path (old browsers send "C:\fakepath\…"), control, invisible or reserved
 * characters; null when nothing is left.
 */
export function cleanUploadName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = fileNamePart(base.normalize('NFC'), 120);
  return cleaned === '' ? null : cleaned;
}

/** "1.2 MB", "850 kB", "12 bytes": sizes as people count them (1 MB = 1,000,000 bytes). */
export function sizeLabel(bytes: number): string {
  if (bytes >= 999_500) return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
